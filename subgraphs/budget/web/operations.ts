import { graphql } from '@dentalpin/web/gql';

export const BudgetSummaryFields = graphql(`
  fragment BudgetSummaryFields on Budget {
    id
    number
    version
    status
    validUntil
    total
    createdAt
    patient {
      id
      fullName
    }
  }
`);

export const BudgetFields = graphql(`
  fragment BudgetFields on Budget {
    ...BudgetSummaryFields
    allowedActions
    validFrom
    globalDiscountType
    globalDiscountValue
    subtotal
    totalDiscount
    totalTax
    notes
    acceptedVia
    rejectionReason
    cancellationReason
    items {
      id
      description
      quantity
      unitPrice
      discountType
      discountValue
      vatRate
      lineDiscount
      netAmount
      taxAmount
      total
      teeth
      surfaces
    }
    history {
      id
      action
      fromStatus
      toStatus
      changedAt
      note
    }
  }
`);

export const BudgetsQuery = graphql(`
  query Budgets($status: [BudgetStatus!], $page: Int, $pageSize: Int) {
    budgets(status: $status, page: $page, pageSize: $pageSize) {
      items {
        ...BudgetSummaryFields
      }
      total
      page
      pageSize
    }
  }
`);

export const BudgetQuery = graphql(`
  query Budget($id: ID!) {
    budget(id: $id) {
      ...BudgetFields
    }
  }
`);

export const PatientBudgetsQuery = graphql(`
  query PatientBudgets($id: ID!) {
    patient(id: $id) {
      id
      budgets {
        ...BudgetSummaryFields
      }
    }
  }
`);

export const BudgetPatientOptionsQuery = graphql(`
  query BudgetPatientOptions($search: String) {
    patients(search: $search, pageSize: 20) {
      items {
        id
        fullName
      }
    }
  }
`);

export const BudgetCatalogOptionsQuery = graphql(`
  query BudgetCatalogOptions($search: String) {
    catalogItems(search: $search, pageSize: 50) {
      items {
        id
        code
        name
        price
        pricingStrategy
      }
    }
  }
`);

export const CreateBudgetMutation = graphql(`
  mutation CreateBudget($input: CreateBudgetInput!) {
    createBudget(input: $input) {
      ...BudgetFields
    }
  }
`);

export const SendBudgetMutation = graphql(`
  mutation SendBudget($id: ID!) {
    sendBudget(id: $id) {
      ...BudgetFields
    }
  }
`);

export const AcceptBudgetMutation = graphql(`
  mutation AcceptBudget($id: ID!, $acceptedVia: String) {
    acceptBudget(id: $id, acceptedVia: $acceptedVia) {
      ...BudgetFields
    }
  }
`);

export const RejectBudgetMutation = graphql(`
  mutation RejectBudget($id: ID!, $reason: String, $note: String) {
    rejectBudget(id: $id, reason: $reason, note: $note) {
      ...BudgetFields
    }
  }
`);

export const CancelBudgetMutation = graphql(`
  mutation CancelBudget($id: ID!, $reason: String) {
    cancelBudget(id: $id, reason: $reason) {
      ...BudgetFields
    }
  }
`);

export const DuplicateBudgetMutation = graphql(`
  mutation DuplicateBudget($id: ID!) {
    duplicateBudget(id: $id) {
      ...BudgetFields
    }
  }
`);

export const RenegotiateBudgetMutation = graphql(`
  mutation RenegotiateBudget($id: ID!, $reason: String) {
    renegotiateBudget(id: $id, reason: $reason) {
      ...BudgetFields
    }
  }
`);

export const AddBudgetItemMutation = graphql(`
  mutation AddBudgetItem($budgetId: ID!, $input: BudgetItemInput!) {
    addBudgetItem(budgetId: $budgetId, input: $input) {
      ...BudgetFields
    }
  }
`);

export const RemoveBudgetItemMutation = graphql(`
  mutation RemoveBudgetItem($id: ID!) {
    removeBudgetItem(id: $id) {
      ...BudgetFields
    }
  }
`);

/** The dashboard card: budgets sent to the patient and not answered yet, newest first. */
export const PendingBudgetsQuery = graphql(`
  query PendingBudgets($pageSize: Int) {
    budgets(status: [SENT], pageSize: $pageSize) {
      items {
        id
        number
        total
        validUntil
        patient {
          id
          fullName
        }
      }
      total
    }
  }
`);

/** The top bar's global search: budgets whose number holds the term. */
export const BudgetSearchQuery = graphql(`
  query BudgetSearch($search: String!) {
    budgets(search: $search, pageSize: 5) {
      items {
        id
        number
        version
        status
        patient {
          id
          fullName
        }
      }
    }
  }
`);
