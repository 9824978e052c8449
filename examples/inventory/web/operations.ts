import { graphql } from '@dentalpin/web/gql';

export const InventoryItemFields = graphql(`
  fragment InventoryItemFields on InventoryItem {
    id
    name
    sku
    unit
    stockQuantity
    minimumStock
    lowStock
    category {
      code
      name
    }
    consumption {
      treatmentType
      quantity
    }
  }
`);

export const InventoryItemsQuery = graphql(`
  query InventoryItems($search: String, $lowStockOnly: Boolean) {
    inventoryItems(search: $search, lowStockOnly: $lowStockOnly) {
      ...InventoryItemFields
    }
  }
`);

export const InventoryCategoriesQuery = graphql(`
  query InventoryCategories {
    inventoryCategories {
      code
      name
    }
  }
`);

export const LowStockCountQuery = graphql(`
  query LowStockCount {
    inventoryItems(lowStockOnly: true) {
      id
    }
  }
`);

export const CreateInventoryItemMutation = graphql(`
  mutation CreateInventoryItem($input: CreateInventoryItemInput!) {
    createInventoryItem(input: $input) {
      ...InventoryItemFields
    }
  }
`);

export const RecordStockMovementMutation = graphql(`
  mutation RecordStockMovement($input: RecordStockMovementInput!) {
    recordStockMovement(input: $input) {
      ...InventoryItemFields
    }
  }
`);
