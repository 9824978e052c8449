/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment InventoryItemFields on InventoryItem {\n    id\n    name\n    sku\n    unit\n    stockQuantity\n    minimumStock\n    lowStock\n    category {\n      code\n      name\n    }\n    consumption {\n      treatmentType\n      quantity\n    }\n  }\n": typeof types.InventoryItemFieldsFragmentDoc,
    "\n  query InventoryItems($search: String, $lowStockOnly: Boolean) {\n    inventoryItems(search: $search, lowStockOnly: $lowStockOnly) {\n      ...InventoryItemFields\n    }\n  }\n": typeof types.InventoryItemsDocument,
    "\n  query InventoryCategories {\n    inventoryCategories {\n      code\n      name\n    }\n  }\n": typeof types.InventoryCategoriesDocument,
    "\n  query LowStockCount {\n    inventoryItems(lowStockOnly: true) {\n      id\n    }\n  }\n": typeof types.LowStockCountDocument,
    "\n  mutation CreateInventoryItem($input: CreateInventoryItemInput!) {\n    createInventoryItem(input: $input) {\n      ...InventoryItemFields\n    }\n  }\n": typeof types.CreateInventoryItemDocument,
    "\n  mutation RecordStockMovement($input: RecordStockMovementInput!) {\n    recordStockMovement(input: $input) {\n      ...InventoryItemFields\n    }\n  }\n": typeof types.RecordStockMovementDocument,
    "\n  query AccountingExportPreview($from: Date!, $to: Date!) {\n    accountingExportPreview(from: $from, to: $to) {\n      invoiceCount\n      creditNoteCount\n      net\n      tax\n      total\n      collectionCount\n      collected\n      refundCount\n      refunded\n      sampleInvoices {\n        number\n        kind\n        issueDate\n        customer\n        total\n        status\n      }\n      sampleCollections {\n        paidOn\n        invoiceNumber\n        kind\n        amount\n        method\n      }\n    }\n  }\n": typeof types.AccountingExportPreviewDocument,
    "\n  query AccountingExportLink($from: Date!, $to: Date!, $locale: AccountingExportLocale) {\n    accountingExportLink(from: $from, to: $to, locale: $locale) {\n      url\n      expiresAt\n    }\n  }\n": typeof types.AccountingExportLinkDocument,
    "\n  fragment AppointmentFields on Appointment {\n    id\n    startTime\n    endTime\n    status\n    allowedTransitions\n    treatmentType\n    notes\n    currentStatusSince\n    patient {\n      id\n      fullName\n    }\n    professional {\n      id\n      fullName\n    }\n    cabinet {\n      id\n      name\n      color\n    }\n  }\n": typeof types.AppointmentFieldsFragmentDoc,
    "\n  query AgendaDay($date: Date!) {\n    agendaDay(date: $date) {\n      date\n      timezone\n      byCabinet {\n        cabinet {\n          id\n          name\n          color\n        }\n        appointments {\n          ...AppointmentFields\n        }\n      }\n      byStatus {\n        status\n        appointments {\n          ...AppointmentFields\n        }\n      }\n      unassigned {\n        ...AppointmentFields\n      }\n    }\n  }\n": typeof types.AgendaDayDocument,
    "\n  query AgendaWeek($from: DateTime!, $to: DateTime!, $professionalId: ID) {\n    appointments(from: $from, to: $to, professionalId: $professionalId) {\n      ...AppointmentFields\n    }\n  }\n": typeof types.AgendaWeekDocument,
    "\n  query AgendaAvailability($from: DateTime!, $to: DateTime!, $professionalId: ID) {\n    availability(from: $from, to: $to, professionalId: $professionalId) {\n      start\n      end\n      state\n      reason\n    }\n  }\n": typeof types.AgendaAvailabilityDocument,
    "\n  query AgendaClinic {\n    me {\n      clinic {\n        id\n        timezone\n      }\n    }\n  }\n": typeof types.AgendaClinicDocument,
    "\n  query AgendaBookingOptions {\n    cabinets {\n      id\n      name\n      color\n      isActive\n    }\n    professionals {\n      id\n      fullName\n    }\n  }\n": typeof types.AgendaBookingOptionsDocument,
    "\n  query AgendaPatientPicker($search: String) {\n    patients(search: $search, page: 1, pageSize: 10) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n": typeof types.AgendaPatientPickerDocument,
    "\n  mutation ScheduleAppointment($input: ScheduleAppointmentInput!) {\n    scheduleAppointment(input: $input) {\n      ...AppointmentFields\n    }\n  }\n": typeof types.ScheduleAppointmentDocument,
    "\n  mutation RescheduleAppointment($id: ID!, $startTime: DateTime!, $endTime: DateTime!, $cabinetId: ID) {\n    rescheduleAppointment(id: $id, startTime: $startTime, endTime: $endTime, cabinetId: $cabinetId) {\n      ...AppointmentFields\n    }\n  }\n": typeof types.RescheduleAppointmentDocument,
    "\n  mutation TransitionAppointment($id: ID!, $to: AppointmentStatus!) {\n    transitionAppointment(id: $id, to: $to) {\n      ...AppointmentFields\n    }\n  }\n": typeof types.TransitionAppointmentDocument,
    "\n  mutation AssignCabinet($id: ID!, $cabinetId: ID) {\n    assignCabinet(id: $id, cabinetId: $cabinetId) {\n      ...AppointmentFields\n    }\n  }\n": typeof types.AssignCabinetDocument,
    "\n  subscription AgendaChanged($from: DateTime, $to: DateTime, $after: ID) {\n    agendaChanged(from: $from, to: $to, after: $after) {\n      eventId\n      type\n      appointment {\n        ...AppointmentFields\n      }\n    }\n  }\n": typeof types.AgendaChangedDocument,
    "\n  query AgendaBookingPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      fullName\n    }\n  }\n": typeof types.AgendaBookingPatientDocument,
    "\n  query AgendaToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {\n    appointments(from: $from, to: $to, status: $status) {\n      id\n      startTime\n      status\n      treatmentType\n      patient {\n        id\n        fullName\n      }\n      professional {\n        id\n        fullName\n      }\n    }\n    professionals {\n      id\n    }\n  }\n": typeof types.AgendaTodayDocument,
    "\n  fragment InvoiceSummaryFields on Invoice {\n    id\n    kind\n    number\n    status\n    issueDate\n    dueDate\n    billingName\n    total\n    paid\n    balance\n    createdAt\n    patient {\n      id\n      fullName\n    }\n  }\n": typeof types.InvoiceSummaryFieldsFragmentDoc,
    "\n  fragment InvoiceDetailFields on Invoice {\n    ...InvoiceSummaryFields\n    nextStatuses\n    budgetId\n    billingTaxId\n    billingAddress\n    billingEmail\n    subtotal\n    totalDiscount\n    totalTax\n    notes\n    voidReason\n    creditNoteFor {\n      id\n      number\n    }\n    creditNotes {\n      id\n      number\n    }\n    items {\n      id\n      description\n      quantity\n      unitPrice\n      discount\n      vatRate\n      netAmount\n      taxAmount\n      total\n    }\n    payments {\n      id\n      kind\n      amount\n      method\n      paidAt\n      reference\n      reason\n    }\n  }\n": typeof types.InvoiceDetailFieldsFragmentDoc,
    "\n  query Invoices($status: [InvoiceStatus!], $patientId: ID, $page: Int, $pageSize: Int) {\n    invoices(status: $status, patientId: $patientId, page: $page, pageSize: $pageSize) {\n      items {\n        ...InvoiceSummaryFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": typeof types.InvoicesDocument,
    "\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceDetailFields\n    }\n  }\n": typeof types.InvoiceDocument,
    "\n  mutation CreateInvoiceFromBudget($budgetId: ID!) {\n    createInvoiceFromBudget(budgetId: $budgetId) {\n      ...InvoiceDetailFields\n    }\n  }\n": typeof types.CreateInvoiceFromBudgetDocument,
    "\n  mutation IssueInvoice($id: ID!) {\n    issueInvoice(id: $id) {\n      ...InvoiceDetailFields\n    }\n  }\n": typeof types.IssueInvoiceDocument,
    "\n  mutation RecordInvoicePayment($invoiceId: ID!, $amount: Decimal!, $method: PaymentMethod!, $reference: String) {\n    recordInvoicePayment(invoiceId: $invoiceId, amount: $amount, method: $method, reference: $reference) {\n      ...InvoiceDetailFields\n    }\n  }\n": typeof types.RecordInvoicePaymentDocument,
    "\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceDetailFields\n    }\n  }\n": typeof types.VoidInvoiceDocument,
    "\n  mutation CreateCreditNote($invoiceId: ID!, $reason: String!) {\n    createCreditNote(invoiceId: $invoiceId, reason: $reason) {\n      ...InvoiceDetailFields\n    }\n  }\n": typeof types.CreateCreditNoteDocument,
    "\n  query BillingAcceptedBudgets($patientId: ID) {\n    budgets(status: [ACCEPTED], patientId: $patientId, pageSize: 100) {\n      items {\n        id\n        number\n        total\n        patient {\n          id\n          fullName\n        }\n        invoice {\n          id\n        }\n      }\n    }\n  }\n": typeof types.BillingAcceptedBudgetsDocument,
    "\n  query UnpaidInvoices($pageSize: Int) {\n    invoices(status: [ISSUED, PARTIAL], kind: INVOICE, pageSize: $pageSize) {\n      items {\n        id\n        number\n        balance\n        dueDate\n        patient {\n          id\n          fullName\n        }\n      }\n      total\n    }\n  }\n": typeof types.UnpaidInvoicesDocument,
    "\n  query InvoiceSearch($search: String!) {\n    invoices(search: $search, pageSize: 5) {\n      items {\n        id\n        kind\n        number\n        status\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n": typeof types.InvoiceSearchDocument,
    "\n  fragment BudgetSummaryFields on Budget {\n    id\n    number\n    version\n    status\n    validUntil\n    total\n    createdAt\n    patient {\n      id\n      fullName\n    }\n  }\n": typeof types.BudgetSummaryFieldsFragmentDoc,
    "\n  fragment BudgetFields on Budget {\n    ...BudgetSummaryFields\n    allowedActions\n    validFrom\n    globalDiscountType\n    globalDiscountValue\n    subtotal\n    totalDiscount\n    totalTax\n    notes\n    acceptedVia\n    rejectionReason\n    cancellationReason\n    items {\n      id\n      description\n      quantity\n      unitPrice\n      discountType\n      discountValue\n      vatRate\n      lineDiscount\n      netAmount\n      taxAmount\n      total\n      teeth\n      surfaces\n    }\n    history {\n      id\n      action\n      fromStatus\n      toStatus\n      changedAt\n      note\n    }\n  }\n": typeof types.BudgetFieldsFragmentDoc,
    "\n  query Budgets($status: [BudgetStatus!], $page: Int, $pageSize: Int) {\n    budgets(status: $status, page: $page, pageSize: $pageSize) {\n      items {\n        ...BudgetSummaryFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": typeof types.BudgetsDocument,
    "\n  query Budget($id: ID!) {\n    budget(id: $id) {\n      ...BudgetFields\n    }\n  }\n": typeof types.BudgetDocument,
    "\n  query PatientBudgets($id: ID!) {\n    patient(id: $id) {\n      id\n      budgets {\n        ...BudgetSummaryFields\n      }\n    }\n  }\n": typeof types.PatientBudgetsDocument,
    "\n  query BudgetPatientOptions($search: String) {\n    patients(search: $search, pageSize: 20) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n": typeof types.BudgetPatientOptionsDocument,
    "\n  query BudgetCatalogOptions($search: String) {\n    catalogItems(search: $search, pageSize: 50) {\n      items {\n        id\n        code\n        name\n        price\n        pricingStrategy\n      }\n    }\n  }\n": typeof types.BudgetCatalogOptionsDocument,
    "\n  mutation CreateBudget($input: CreateBudgetInput!) {\n    createBudget(input: $input) {\n      ...BudgetFields\n    }\n  }\n": typeof types.CreateBudgetDocument,
    "\n  mutation SendBudget($id: ID!) {\n    sendBudget(id: $id) {\n      ...BudgetFields\n    }\n  }\n": typeof types.SendBudgetDocument,
    "\n  mutation AcceptBudget($id: ID!, $acceptedVia: String) {\n    acceptBudget(id: $id, acceptedVia: $acceptedVia) {\n      ...BudgetFields\n    }\n  }\n": typeof types.AcceptBudgetDocument,
    "\n  mutation RejectBudget($id: ID!, $reason: String, $note: String) {\n    rejectBudget(id: $id, reason: $reason, note: $note) {\n      ...BudgetFields\n    }\n  }\n": typeof types.RejectBudgetDocument,
    "\n  mutation CancelBudget($id: ID!, $reason: String) {\n    cancelBudget(id: $id, reason: $reason) {\n      ...BudgetFields\n    }\n  }\n": typeof types.CancelBudgetDocument,
    "\n  mutation DuplicateBudget($id: ID!) {\n    duplicateBudget(id: $id) {\n      ...BudgetFields\n    }\n  }\n": typeof types.DuplicateBudgetDocument,
    "\n  mutation RenegotiateBudget($id: ID!, $reason: String) {\n    renegotiateBudget(id: $id, reason: $reason) {\n      ...BudgetFields\n    }\n  }\n": typeof types.RenegotiateBudgetDocument,
    "\n  mutation AddBudgetItem($budgetId: ID!, $input: BudgetItemInput!) {\n    addBudgetItem(budgetId: $budgetId, input: $input) {\n      ...BudgetFields\n    }\n  }\n": typeof types.AddBudgetItemDocument,
    "\n  mutation RemoveBudgetItem($id: ID!) {\n    removeBudgetItem(id: $id) {\n      ...BudgetFields\n    }\n  }\n": typeof types.RemoveBudgetItemDocument,
    "\n  query PendingBudgets($pageSize: Int) {\n    budgets(status: [SENT], pageSize: $pageSize) {\n      items {\n        id\n        number\n        total\n        validUntil\n        patient {\n          id\n          fullName\n        }\n      }\n      total\n    }\n  }\n": typeof types.PendingBudgetsDocument,
    "\n  query BudgetSearch($search: String!) {\n    budgets(search: $search, pageSize: 5) {\n      items {\n        id\n        number\n        version\n        status\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n": typeof types.BudgetSearchDocument,
    "\n  query CatalogItems($search: String, $active: Boolean, $page: Int, $pageSize: Int) {\n    catalogItems(search: $search, active: $active, page: $page, pageSize: $pageSize) {\n      items {\n        id\n        code\n        name\n        pricingStrategy\n        price\n        isActive\n        category {\n          name\n        }\n        vatType {\n          name\n          rate\n        }\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": typeof types.CatalogItemsDocument,
    "\n  query QuoteTreatment($input: QuoteTreatmentInput!) {\n    quoteTreatment(input: $input) {\n      net\n      vatRate\n      vatAmount\n      gross\n      units\n    }\n  }\n": typeof types.QuoteTreatmentDocument,
    "\n  fragment ClinicalNoteFields on ClinicalNote {\n    id\n    body\n    ownerType\n    ownerId\n    toothNumber\n    createdAt\n    canDelete\n    author {\n      id\n      fullName\n    }\n  }\n": typeof types.ClinicalNoteFieldsFragmentDoc,
    "\n  query ClinicalNotes($patientId: ID!, $ownerType: NoteOwnerType, $ownerId: ID) {\n    clinicalNotes(patientId: $patientId, ownerType: $ownerType, ownerId: $ownerId) {\n      ...ClinicalNoteFields\n    }\n  }\n": typeof types.ClinicalNotesDocument,
    "\n  query NoteTemplates {\n    noteTemplates {\n      id\n      name\n      body\n    }\n  }\n": typeof types.NoteTemplatesDocument,
    "\n  mutation CreateClinicalNote($input: CreateClinicalNoteInput!) {\n    createClinicalNote(input: $input) {\n      ...ClinicalNoteFields\n    }\n  }\n": typeof types.CreateClinicalNoteDocument,
    "\n  mutation DeleteClinicalNote($id: ID!) {\n    deleteClinicalNote(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteClinicalNoteDocument,
    "\n  query PatientDocuments($patientId: ID!) {\n    documents(patientId: $patientId) {\n      id\n      title\n      documentType\n      kind\n      mimeType\n      sizeBytes\n      createdAt\n      downloadUrl\n      tags\n      pairedDocument {\n        id\n        title\n      }\n    }\n  }\n": typeof types.PatientDocumentsDocument,
    "\n  query DocumentUploadUrl {\n    documentUploadUrl\n  }\n": typeof types.DocumentUploadUrlDocument,
    "\n  mutation ArchiveDocument($id: ID!) {\n    archiveDocument(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ArchiveDocumentDocument,
    "\n  query NotificationMessages($status: [NotificationStatus!], $page: Int, $pageSize: Int) {\n    notificationMessages(status: $status, page: $page, pageSize: $pageSize) {\n      items {\n        id\n        status\n        skipReason\n        toAddress\n        templateKey\n        locale\n        subject\n        bodyText\n        attempts\n        maxAttempts\n        nextAttemptAt\n        lastError\n        triggeredByEvent\n        canRetry\n        createdAt\n        sentAt\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": typeof types.NotificationMessagesDocument,
    "\n  mutation RetryNotification($id: ID!) {\n    retryNotification(id: $id) {\n      id\n      status\n      attempts\n      nextAttemptAt\n      canRetry\n    }\n  }\n": typeof types.RetryNotificationDocument,
    "\n  query NotificationTemplates {\n    notificationTemplates {\n      id\n      templateKey\n      locale\n      subject\n      bodyText\n      description\n      isSystem\n      isActive\n      updatedAt\n    }\n  }\n": typeof types.NotificationTemplatesDocument,
    "\n  mutation UpsertNotificationTemplate($input: UpsertNotificationTemplateInput!) {\n    upsertNotificationTemplate(input: $input) {\n      id\n      templateKey\n      locale\n      subject\n      bodyText\n      isSystem\n      isActive\n    }\n  }\n": typeof types.UpsertNotificationTemplateDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      enabled\n      senderName\n      replyTo\n      defaultLocale\n      reminderHoursBefore\n      autoSend {\n        eventType\n        templateKey\n        enabled\n      }\n    }\n  }\n": typeof types.NotificationSettingsDocument,
    "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      enabled\n      senderName\n      replyTo\n      defaultLocale\n      reminderHoursBefore\n      autoSend {\n        eventType\n        templateKey\n        enabled\n      }\n    }\n  }\n": typeof types.UpdateNotificationSettingsDocument,
    "\n  query OdontogramTeeth($patientId: ID!, $at: Date) {\n    odontogram(patientId: $patientId, at: $at) {\n      patientId\n      at\n      teeth {\n        toothNumber\n        condition\n        deciduous\n        notes\n        surfaces {\n          surface\n          condition\n        }\n      }\n    }\n  }\n": typeof types.OdontogramTeethDocument,
    "\n  query OdontogramTreatments($patientId: ID!, $at: Date) {\n    odontogram(patientId: $patientId, at: $at) {\n      patientId\n      treatments {\n        ...OdontogramTreatmentFields\n      }\n    }\n  }\n": typeof types.OdontogramTreatmentsDocument,
    "\n  fragment OdontogramTreatmentFields on Treatment {\n    id\n    clinicalType\n    category\n    scope\n    arch\n    status\n    allowedTransitions\n    price\n    durationMinutes\n    notes\n    performedAt\n    teeth {\n      toothNumber\n      role\n      surfaces\n    }\n  }\n": typeof types.OdontogramTreatmentFieldsFragmentDoc,
    "\n  query OdontogramDays($patientId: ID!) {\n    odontogramDays(patientId: $patientId) {\n      date\n      toothChanges\n      treatments\n    }\n  }\n": typeof types.OdontogramDaysDocument,
    "\n  query OdontogramCatalogItems {\n    catalogItems(pageSize: 100) {\n      items {\n        id\n        code\n        name\n      }\n    }\n  }\n": typeof types.OdontogramCatalogItemsDocument,
    "\n  mutation SetToothCondition(\n    $patientId: ID!\n    $toothNumber: Int!\n    $condition: ToothCondition\n    $surfaces: [SurfaceConditionInput!]\n  ) {\n    setToothCondition(patientId: $patientId, toothNumber: $toothNumber, condition: $condition, surfaces: $surfaces) {\n      toothNumber\n      condition\n    }\n  }\n": typeof types.SetToothConditionDocument,
    "\n  mutation AddTreatment($input: AddTreatmentInput!) {\n    addTreatment(input: $input) {\n      ...OdontogramTreatmentFields\n    }\n  }\n": typeof types.AddTreatmentDocument,
    "\n  mutation PerformTreatment($id: ID!) {\n    performTreatment(id: $id) {\n      ...OdontogramTreatmentFields\n    }\n  }\n": typeof types.PerformTreatmentDocument,
    "\n  mutation DeleteTreatment($id: ID!) {\n    deleteTreatment(id: $id) {\n      id\n    }\n  }\n": typeof types.DeleteTreatmentDocument,
    "\n  query ToothHistory($patientId: ID!, $toothNumber: Int!) {\n    toothHistory(patientId: $patientId, toothNumber: $toothNumber) {\n      changeType\n      surface\n      oldCondition\n      newCondition\n      changedAt\n    }\n  }\n": typeof types.ToothHistoryDocument,
    "\n  query PatientFamily($patientId: ID!) {\n    patientRelationships(patientId: $patientId) {\n      id\n      type\n      notes\n      relatedPatient {\n        id\n        fullName\n      }\n    }\n  }\n": typeof types.PatientFamilyDocument,
    "\n  query FamilyPatientPicker($search: String) {\n    patients(search: $search, page: 1, pageSize: 10) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n": typeof types.FamilyPatientPickerDocument,
    "\n  mutation AddPatientRelationship($input: AddPatientRelationshipInput!) {\n    addPatientRelationship(input: $input) {\n      id\n    }\n  }\n": typeof types.AddPatientRelationshipDocument,
    "\n  mutation UpdatePatientRelationship($id: ID!, $input: UpdatePatientRelationshipInput!) {\n    updatePatientRelationship(id: $id, input: $input) {\n      id\n      type\n      notes\n    }\n  }\n": typeof types.UpdatePatientRelationshipDocument,
    "\n  mutation RemovePatientRelationship($id: ID!) {\n    removePatientRelationship(id: $id) {\n      id\n    }\n  }\n": typeof types.RemovePatientRelationshipDocument,
    "\n  query PatientTimeline($patientId: ID!, $category: TimelineCategory, $page: Int, $pageSize: Int) {\n    patientTimeline(patientId: $patientId, category: $category, page: $page, pageSize: $pageSize) {\n      entries {\n        id\n        type\n        category\n        title\n        description\n        occurredAt\n        data\n      }\n      total\n      page\n      hasMore\n    }\n  }\n": typeof types.PatientTimelineDocument,
    "\n  fragment PatientFields on Patient {\n    id\n    firstName\n    lastName\n    fullName\n    phone\n    email\n    dateOfBirth\n    notes\n    status\n    doNotContact\n    createdAt\n    updatedAt\n  }\n": typeof types.PatientFieldsFragmentDoc,
    "\n  query Patients($search: String, $page: Int, $pageSize: Int, $includeArchived: Boolean) {\n    patients(search: $search, page: $page, pageSize: $pageSize, includeArchived: $includeArchived) {\n      items {\n        ...PatientFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": typeof types.PatientsDocument,
    "\n  query Patient($id: ID!) {\n    patient(id: $id) {\n      ...PatientFields\n    }\n  }\n": typeof types.PatientDocument,
    "\n  query PatientCount {\n    patients(page: 1, pageSize: 1) {\n      total\n    }\n  }\n": typeof types.PatientCountDocument,
    "\n  mutation CreatePatient($input: CreatePatientInput!) {\n    createPatient(input: $input) {\n      ...PatientFields\n    }\n  }\n": typeof types.CreatePatientDocument,
    "\n  mutation UpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      ...PatientFields\n    }\n  }\n": typeof types.UpdatePatientDocument,
    "\n  mutation ArchivePatient($id: ID!) {\n    archivePatient(id: $id) {\n      ...PatientFields\n    }\n  }\n": typeof types.ArchivePatientDocument,
    "\n  query PatientSearch($search: String!) {\n    patients(search: $search, pageSize: 5) {\n      items {\n        id\n        fullName\n        phone\n        email\n      }\n    }\n  }\n": typeof types.PatientSearchDocument,
    "\n  query PatientMedicalAlerts($id: ID!) {\n    patient(id: $id) {\n      id\n      medicalAlerts {\n        code\n        severity\n        message\n        generic\n        subject\n        detail\n        pregnancyWeek\n        controlled\n        inrValue\n        inrDate\n      }\n    }\n  }\n": typeof types.PatientMedicalAlertsDocument,
    "\n  query MedicalHistory($patientId: ID!) {\n    medicalContext(patientId: $patientId) {\n      patientId\n      isPregnant\n      pregnancyWeek\n      isLactating\n      isSmoker\n      smokingFrequency\n      alcoholConsumption\n      bruxism\n      anesthesiaAdverseReaction\n      anesthesiaReactionDetails\n      notes\n      updatedAt\n      allergies {\n        id\n        substance\n        type\n        severity\n        reaction\n        notes\n        updatedAt\n      }\n      medications {\n        id\n        name\n        dosage\n        frequency\n        startDate\n        isAnticoagulant\n        inrValue\n        inrDate\n        notes\n        updatedAt\n      }\n      systemicDiseases {\n        id\n        name\n        diagnosisDate\n        isControlled\n        isCritical\n        notes\n        updatedAt\n      }\n      surgicalHistory {\n        id\n        procedure\n        surgeryDate\n        complications\n        notes\n        updatedAt\n      }\n    }\n  }\n": typeof types.MedicalHistoryDocument,
    "\n  query MedicalHistoryAudit($patientId: ID!) {\n    medicalHistoryAudit(patientId: $patientId, limit: 100) {\n      id\n      section\n      action\n      summary\n      subject\n      subjectSeverity\n      changedFields\n      reason\n      changedAt\n      changedByUser {\n        id\n        fullName\n      }\n    }\n  }\n": typeof types.MedicalHistoryAuditDocument,
    "\n  mutation UpdateMedicalContext($patientId: ID!, $input: MedicalContextInput!) {\n    updateMedicalContext(patientId: $patientId, input: $input) {\n      patientId\n      updatedAt\n    }\n  }\n": typeof types.UpdateMedicalContextDocument,
    "\n  mutation AddAllergy($patientId: ID!, $input: AllergyInput!) {\n    addAllergy(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n": typeof types.AddAllergyDocument,
    "\n  mutation UpdateAllergy($id: ID!, $input: AllergyUpdateInput!) {\n    updateAllergy(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateAllergyDocument,
    "\n  mutation RemoveAllergy($id: ID!, $reason: String!) {\n    removeAllergy(id: $id, reason: $reason) {\n      id\n    }\n  }\n": typeof types.RemoveAllergyDocument,
    "\n  mutation AddMedication($patientId: ID!, $input: MedicationInput!) {\n    addMedication(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n": typeof types.AddMedicationDocument,
    "\n  mutation UpdateMedication($id: ID!, $input: MedicationUpdateInput!) {\n    updateMedication(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateMedicationDocument,
    "\n  mutation RemoveMedication($id: ID!, $reason: String!) {\n    removeMedication(id: $id, reason: $reason) {\n      id\n    }\n  }\n": typeof types.RemoveMedicationDocument,
    "\n  mutation AddSystemicDisease($patientId: ID!, $input: SystemicDiseaseInput!) {\n    addSystemicDisease(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n": typeof types.AddSystemicDiseaseDocument,
    "\n  mutation UpdateSystemicDisease($id: ID!, $input: SystemicDiseaseUpdateInput!) {\n    updateSystemicDisease(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateSystemicDiseaseDocument,
    "\n  mutation RemoveSystemicDisease($id: ID!, $reason: String!) {\n    removeSystemicDisease(id: $id, reason: $reason) {\n      id\n    }\n  }\n": typeof types.RemoveSystemicDiseaseDocument,
    "\n  mutation AddSurgicalProcedure($patientId: ID!, $input: SurgicalProcedureInput!) {\n    addSurgicalProcedure(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n": typeof types.AddSurgicalProcedureDocument,
    "\n  mutation UpdateSurgicalProcedure($id: ID!, $input: SurgicalProcedureUpdateInput!) {\n    updateSurgicalProcedure(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateSurgicalProcedureDocument,
    "\n  mutation RemoveSurgicalProcedure($id: ID!, $reason: String!) {\n    removeSurgicalProcedure(id: $id, reason: $reason) {\n      id\n    }\n  }\n": typeof types.RemoveSurgicalProcedureDocument,
    "\n  query MedicalAlertsToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {\n    appointments(from: $from, to: $to, status: $status) {\n      id\n      startTime\n      patient {\n        id\n        fullName\n        medicalAlerts {\n          code\n          severity\n          message\n        }\n      }\n    }\n  }\n": typeof types.MedicalAlertsTodayDocument,
    "\n  fragment PaymentFields on Payment {\n    id\n    amount\n    currency\n    method\n    paymentDate\n    reference\n    origin\n    refunded\n    refundable\n    createdAt\n    allocations {\n      id\n      target\n      targetId\n      amount\n      refunded\n    }\n  }\n": typeof types.PaymentFieldsFragmentDoc,
    "\n  query PatientAccount($patientId: ID!) {\n    patientAccount(patientId: $patientId) {\n      patientId\n      currency\n      earned\n      paid\n      refunded\n      balance\n      credit\n      receivable\n      onAccount\n      pendingCharges {\n        earnedEntryId\n        description\n        performedAt\n        amount\n        outstanding\n        ageDays\n      }\n      ledger {\n        id\n        kind\n        occurredAt\n        description\n        amount\n        method\n      }\n    }\n    patient(id: $patientId) {\n      id\n      payments {\n        ...PaymentFields\n      }\n    }\n  }\n": typeof types.PatientAccountDocument,
    "\n  query PaymentTargets($patientId: ID!) {\n    invoices(patientId: $patientId, status: [ISSUED, PARTIAL], pageSize: 100) {\n      items {\n        id\n        number\n        balance\n      }\n    }\n    budgets(patientId: $patientId, status: [SENT, ACCEPTED], pageSize: 100) {\n      items {\n        id\n        number\n        total\n      }\n    }\n  }\n": typeof types.PaymentTargetsDocument,
    "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      ...PaymentFields\n    }\n  }\n": typeof types.RecordPaymentDocument,
    "\n  mutation RefundPayment($paymentId: ID!, $amount: Decimal!, $reasonCode: RefundReason!, $reasonNote: String) {\n    refundPayment(paymentId: $paymentId, amount: $amount, reasonCode: $reasonCode, reasonNote: $reasonNote) {\n      id\n      amount\n      payment {\n        id\n        refunded\n        refundable\n      }\n    }\n  }\n": typeof types.RefundPaymentDocument,
    "\n  query PaymentsList($filter: PaymentsFilter, $page: Int, $pageSize: Int) {\n    payments(filter: $filter, page: $page, pageSize: $pageSize) {\n      total\n      page\n      pageSize\n      items {\n        ...PaymentFields\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n": typeof types.PaymentsListDocument,
    "\n  query PaymentReports($from: Date!, $to: Date!) {\n    paymentsSummary(from: $from, to: $to) {\n      currency\n      collected\n      refunded\n      net\n      earned\n      paymentCount\n      refundCount\n      byMethod {\n        method\n        count\n        collected\n        refunded\n      }\n      byMonth {\n        month\n        collected\n        refunded\n        earned\n      }\n    }\n    receivablesAging {\n      currency\n      total\n      buckets {\n        label\n        amount\n        patientCount\n      }\n      patients {\n        patient {\n          id\n          fullName\n        }\n        receivable\n        oldestDays\n        bucket\n      }\n    }\n  }\n": typeof types.PaymentReportsDocument,
    "\n  fragment PeriodontalExamFields on PeriodontalExam {\n    id\n    status\n    createdAt\n    closedAt\n    sites {\n      toothNumber\n      site\n      probingDepth\n      recession\n      bleeding\n      plaque\n      suppuration\n    }\n    indices {\n      sitesExamined\n      bleedingPercent\n      plaquePercent\n      meanProbingDepth\n      meanAttachmentLoss\n      pocketsOver5mm\n    }\n  }\n": typeof types.PeriodontalExamFieldsFragmentDoc,
    "\n  query PatientPeriodontalExams($patientId: ID!) {\n    periodontalExams(patientId: $patientId) {\n      ...PeriodontalExamFields\n    }\n  }\n": typeof types.PatientPeriodontalExamsDocument,
    "\n  mutation StartPeriodontalExam($patientId: ID!) {\n    startPeriodontalExam(patientId: $patientId) {\n      ...PeriodontalExamFields\n    }\n  }\n": typeof types.StartPeriodontalExamDocument,
    "\n  mutation RecordPeriodontalSites($examId: ID!, $sites: [PeriodontalSiteInput!]!) {\n    recordPeriodontalSites(examId: $examId, sites: $sites) {\n      ...PeriodontalExamFields\n    }\n  }\n": typeof types.RecordPeriodontalSitesDocument,
    "\n  mutation ClosePeriodontalExam($id: ID!) {\n    closePeriodontalExam(id: $id) {\n      ...PeriodontalExamFields\n    }\n  }\n": typeof types.ClosePeriodontalExamDocument,
    "\n  query ComparePeriodontalExams($baseId: ID!, $otherId: ID!) {\n    comparePeriodontalExams(baseId: $baseId, otherId: $otherId) {\n      sites {\n        toothNumber\n        site\n        probingDepthDelta\n        attachmentLossDelta\n        bleedingBefore\n        bleedingAfter\n      }\n    }\n  }\n": typeof types.ComparePeriodontalExamsDocument,
    "\n  fragment RecallFields on Recall {\n    id\n    status\n    reason\n    reasonNote\n    priority\n    dueMonth\n    dueDate\n    overdue\n    contactAttemptCount\n    lastContactAttemptAt\n    linkedAppointmentId\n    allowedTransitions\n  }\n": typeof types.RecallFieldsFragmentDoc,
    "\n  query Recalls($status: [RecallStatus!], $dueMonth: String, $patientId: ID) {\n    recalls(status: $status, dueMonth: $dueMonth, patientId: $patientId) {\n      ...RecallFields\n      patient {\n        id\n        fullName\n        phone\n        doNotContact\n      }\n    }\n  }\n": typeof types.RecallsDocument,
    "\n  query PatientRecalls($patientId: ID!) {\n    recalls(patientId: $patientId) {\n      ...RecallFields\n    }\n  }\n": typeof types.PatientRecallsDocument,
    "\n  query RecallDashboard {\n    recallDashboard {\n      dueThisMonth\n      overdue\n      scheduled\n      completedThisMonth\n    }\n  }\n": typeof types.RecallDashboardDocument,
    "\n  mutation CreateRecall($input: CreateRecallInput!) {\n    createRecall(input: $input) {\n      ...RecallFields\n    }\n  }\n": typeof types.CreateRecallDocument,
    "\n  mutation LogRecallContact($id: ID!, $channel: RecallContactChannel!, $outcome: RecallContactOutcome!, $note: String) {\n    logRecallContact(id: $id, channel: $channel, outcome: $outcome, note: $note) {\n      ...RecallFields\n    }\n  }\n": typeof types.LogRecallContactDocument,
    "\n  mutation SnoozeRecall($id: ID!, $months: Int!) {\n    snoozeRecall(id: $id, months: $months) {\n      ...RecallFields\n    }\n  }\n": typeof types.SnoozeRecallDocument,
    "\n  mutation CompleteRecall($id: ID!) {\n    completeRecall(id: $id) {\n      ...RecallFields\n    }\n  }\n": typeof types.CompleteRecallDocument,
    "\n  mutation CancelRecall($id: ID!) {\n    cancelRecall(id: $id) {\n      ...RecallFields\n    }\n  }\n": typeof types.CancelRecallDocument,
    "\n  query RecallSettings {\n    recallSettings {\n      intervals {\n        reason\n        months\n      }\n      reminderLeadDays\n    }\n  }\n": typeof types.RecallSettingsDocument,
    "\n  mutation UpdateRecallSettings($input: RecallSettingsInput!) {\n    updateRecallSettings(input: $input) {\n      intervals {\n        reason\n        months\n      }\n      reminderLeadDays\n    }\n  }\n": typeof types.UpdateRecallSettingsDocument,
    "\n  query ReportsBillingReport($from: Date!, $to: Date!) {\n    billingReport(from: $from, to: $to) {\n      invoiceCount\n      invoiced\n      tax\n      creditNotes {\n        count\n        amount\n      }\n      netInvoiced\n      collected\n      outstanding\n      voidedCount\n      byPaymentMethod {\n        method\n        count\n        amount\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        invoiceCount\n        invoiced\n        collected\n      }\n      byMonth {\n        month\n        invoiced\n        credited\n        collected\n      }\n    }\n  }\n": typeof types.ReportsBillingReportDocument,
    "\n  query ReportsBudgetConversionReport($from: Date!, $to: Date!) {\n    budgetConversionReport(from: $from, to: $to) {\n      count\n      amount\n      sentCount\n      acceptedCount\n      acceptedAmount\n      acceptanceRate\n      averageDaysToAcceptance\n      byStatus {\n        status\n        count\n        amount\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        count\n        sentCount\n        acceptedCount\n        acceptedAmount\n        acceptanceRate\n      }\n    }\n  }\n": typeof types.ReportsBudgetConversionReportDocument,
    "\n  query ReportsSchedulingReport($from: Date!, $to: Date!) {\n    schedulingReport(from: $from, to: $to) {\n      appointmentCount\n      funnel {\n        byStatus {\n          status\n          count\n        }\n        completionRate\n        noShowRate\n        cancellationRate\n      }\n      waitingTime {\n        count\n        average\n        median\n        p90\n        buckets {\n          label\n          count\n        }\n      }\n      punctuality {\n        count\n        average\n        median\n        p90\n        early\n        onTime\n        late\n      }\n      durationVariance {\n        count\n        planned {\n          average\n        }\n        actual {\n          average\n        }\n        variance {\n          average\n          median\n          p90\n        }\n        overruns\n      }\n      byDayOfWeek {\n        dayOfWeek\n        appointments\n        completed\n        cancelled\n        noShows\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        appointments\n        completed\n        noShows\n        averageWaitMinutes\n      }\n    }\n  }\n": typeof types.ReportsSchedulingReportDocument,
    "\n  query ScheduleClinicHours {\n    clinicHours {\n      weekday\n      start\n      end\n    }\n  }\n": typeof types.ScheduleClinicHoursDocument,
    "\n  mutation SetClinicHours($shifts: [WeeklyShiftInput!]!) {\n    setClinicHours(shifts: $shifts) {\n      weekday\n      start\n      end\n    }\n  }\n": typeof types.SetClinicHoursDocument,
    "\n  query ScheduleProfessionalHours($userId: ID!) {\n    professionalHours(userId: $userId) {\n      weekday\n      start\n      end\n    }\n  }\n": typeof types.ScheduleProfessionalHoursDocument,
    "\n  mutation SetProfessionalHours($userId: ID!, $shifts: [WeeklyShiftInput!]!) {\n    setProfessionalHours(userId: $userId, shifts: $shifts) {\n      weekday\n      start\n      end\n    }\n  }\n": typeof types.SetProfessionalHoursDocument,
    "\n  query ScheduleProfessionals {\n    professionals {\n      id\n      fullName\n    }\n  }\n": typeof types.ScheduleProfessionalsDocument,
    "\n  fragment ScheduleOverrideFields on ScheduleOverride {\n    id\n    scope\n    userId\n    kind\n    startDate\n    endDate\n    reason\n    shifts {\n      start\n      end\n    }\n  }\n": typeof types.ScheduleOverrideFieldsFragmentDoc,
    "\n  query ScheduleOverrides($userId: ID, $from: Date) {\n    scheduleOverrides(userId: $userId, from: $from) {\n      ...ScheduleOverrideFields\n    }\n  }\n": typeof types.ScheduleOverridesDocument,
    "\n  mutation AddScheduleOverride($input: AddScheduleOverrideInput!) {\n    addScheduleOverride(input: $input) {\n      ...ScheduleOverrideFields\n    }\n  }\n": typeof types.AddScheduleOverrideDocument,
    "\n  mutation RemoveScheduleOverride($id: ID!) {\n    removeScheduleOverride(id: $id) {\n      id\n      removedAt\n    }\n  }\n": typeof types.RemoveScheduleOverrideDocument,
    "\n  query ScheduleFreeSlots($professionalId: ID!, $durationMinutes: Int!, $from: DateTime, $limit: Int) {\n    findFreeSlots(professionalId: $professionalId, durationMinutes: $durationMinutes, from: $from, limit: $limit) {\n      start\n      end\n      freeUntil\n    }\n  }\n": typeof types.ScheduleFreeSlotsDocument,
    "\n  query ScheduleSettings {\n    scheduleSettings {\n      refuseBookingsOutsideHours\n    }\n  }\n": typeof types.ScheduleSettingsDocument,
    "\n  mutation UpdateScheduleSettings($refuseBookingsOutsideHours: Boolean!) {\n    updateScheduleSettings(refuseBookingsOutsideHours: $refuseBookingsOutsideHours) {\n      refuseBookingsOutsideHours\n    }\n  }\n": typeof types.UpdateScheduleSettingsDocument,
    "\n  fragment TreatmentPlanFields on TreatmentPlan {\n    id\n    number\n    title\n    status\n    allowedTransitions\n    closureReason\n    closureNote\n    createdAt\n    budget {\n      id\n    }\n    items {\n      id\n      status\n      sequence\n      treatment {\n        id\n      }\n      sessions {\n        id\n        sequence\n        status\n        appointmentId\n      }\n    }\n  }\n": typeof types.TreatmentPlanFieldsFragmentDoc,
    "\n  query TreatmentPlans($patientId: ID, $status: [TreatmentPlanStatus!]) {\n    treatmentPlans(patientId: $patientId, status: $status) {\n      ...TreatmentPlanFields\n      patient {\n        id\n        fullName\n      }\n    }\n  }\n": typeof types.TreatmentPlansDocument,
    "\n  query TreatmentPlan($id: ID!) {\n    treatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n      editable\n      bookable\n      confirmedAt\n      closedAt\n      patient {\n        id\n        fullName\n      }\n    }\n  }\n": typeof types.TreatmentPlanDocument,
    "\n  mutation ConfirmTreatmentPlan($id: ID!) {\n    confirmTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": typeof types.ConfirmTreatmentPlanDocument,
    "\n  mutation CloseTreatmentPlan($id: ID!, $reason: PlanClosureReason!, $note: String) {\n    closeTreatmentPlan(id: $id, reason: $reason, note: $note) {\n      ...TreatmentPlanFields\n    }\n  }\n": typeof types.CloseTreatmentPlanDocument,
    "\n  mutation ReactivateTreatmentPlan($id: ID!) {\n    reactivateTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": typeof types.ReactivateTreatmentPlanDocument,
    "\n  mutation CompletePlanItem($id: ID!) {\n    completePlanItem(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": typeof types.CompletePlanItemDocument,
    "\n  query PlannedTreatments($patientId: ID!) {\n    odontogram(patientId: $patientId) {\n      patientId\n      treatments(status: [PLANNED]) {\n        id\n        clinicalType\n        scope\n        teeth {\n          toothNumber\n        }\n        price\n      }\n    }\n  }\n": typeof types.PlannedTreatmentsDocument,
    "\n  mutation CreateTreatmentPlan($input: CreateTreatmentPlanInput!) {\n    createTreatmentPlan(input: $input) {\n      ...TreatmentPlanFields\n    }\n  }\n": typeof types.CreateTreatmentPlanDocument,
    "\n  mutation ArchiveTreatmentPlan($id: ID!) {\n    archiveTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": typeof types.ArchiveTreatmentPlanDocument,
    "\n  mutation CompletePlanSession($id: ID!) {\n    completePlanSession(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": typeof types.CompletePlanSessionDocument,
    "\n  mutation AddPlanItem($planId: ID!, $treatmentId: ID!) {\n    addPlanItem(planId: $planId, treatmentId: $treatmentId) {\n      ...TreatmentPlanFields\n    }\n  }\n": typeof types.AddPlanItemDocument,
    "\n  mutation LinkPlanSession($sessionId: ID!, $appointmentId: ID) {\n    linkPlanSessionAppointment(sessionId: $sessionId, appointmentId: $appointmentId) {\n      ...TreatmentPlanFields\n    }\n  }\n": typeof types.LinkPlanSessionDocument,
    "\n  query PlanTreatmentsBooking($id: ID!) {\n    treatmentPlan(id: $id) {\n      id\n      items {\n        id\n        treatment {\n          id\n          clinicalType\n          durationMinutes\n          recordedBy {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.PlanTreatmentsBookingDocument,
    "\n  query PlanSessionAppointment($id: ID!) {\n    appointment(id: $id) {\n      id\n      startTime\n      status\n    }\n  }\n": typeof types.PlanSessionAppointmentDocument,
    "\n  query ClinicUsers {\n    clinicUsers {\n      id\n      email\n      fullName\n      role\n      isProfessional\n      isActive\n    }\n  }\n": typeof types.ClinicUsersDocument,
    "\n  mutation UpdateMembership($userId: ID!, $role: String, $isProfessional: Boolean) {\n    updateMembership(userId: $userId, role: $role, isProfessional: $isProfessional) {\n      id\n      role\n      isProfessional\n      isActive\n    }\n  }\n": typeof types.UpdateMembershipDocument,
    "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      id\n      isActive\n    }\n  }\n": typeof types.DeactivateUserDocument,
    "\n  mutation RemoveMembership($userId: ID!) {\n    removeMembership(userId: $userId)\n  }\n": typeof types.RemoveMembershipDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      user {\n        email\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  query Modules {\n    modules {\n      name\n      version\n      codeVersion\n      state\n      category\n      summary\n      depends\n      removable\n      nonRemovableReason\n      autoInstall\n      installedAt\n      upgradeAvailable\n      error\n      errorDetails\n    }\n  }\n": typeof types.ModulesDocument,
    "\n  query ModuleOperations($name: String!, $limit: Int) {\n    moduleOperations(name: $name, limit: $limit) {\n      id\n      runId\n      operation\n      step\n      status\n      details\n      createdAt\n    }\n  }\n": typeof types.ModuleOperationsDocument,
    "\n  query ModuleDoctor {\n    moduleDoctor {\n      ok\n      orphans\n      missingDependencies {\n        module\n        missing\n      }\n      manifestErrors {\n        module\n        code\n        error\n      }\n      erroredModules {\n        module\n        error\n      }\n      upgradesAvailable {\n        module\n        installed\n        available\n      }\n    }\n  }\n": typeof types.ModuleDoctorDocument,
    "\n  mutation InstallModule($name: String!, $force: Boolean) {\n    installModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n": typeof types.InstallModuleDocument,
    "\n  mutation UpgradeModule($name: String!) {\n    upgradeModule(name: $name) {\n      scheduled\n      requiresRestart\n    }\n  }\n": typeof types.UpgradeModuleDocument,
    "\n  mutation RestartModules {\n    restartModules {\n      processed {\n        module\n        operation\n        status\n        error\n        errorDetails\n      }\n      activeModules\n      compositionErrors\n    }\n  }\n": typeof types.RestartModulesDocument,
    "\n  mutation UninstallModule($name: String!, $force: Boolean) {\n    uninstallModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n": typeof types.UninstallModuleDocument,
    "\n  mutation DisableModule($name: String!, $force: Boolean) {\n    disableModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n": typeof types.DisableModuleDocument,
    "\n  mutation EnableModule($name: String!) {\n    enableModule(name: $name) {\n      scheduled\n      requiresRestart\n    }\n  }\n": typeof types.EnableModuleDocument,
    "\n  query SetupStatus {\n    setupStatus {\n      initialized\n    }\n  }\n": typeof types.SetupStatusDocument,
    "\n  query Me {\n    me {\n      user {\n        id\n        email\n        fullName\n        isPlatformAdmin\n      }\n      clinic {\n        id\n        name\n        timezone\n        currency\n      }\n      clinics {\n        id\n        name\n        role\n      }\n      role\n      permissions\n    }\n  }\n": typeof types.MeDocument,
    "\n  query ActiveModules {\n    activeModules {\n      name\n      version\n      category\n      summary\n      permissions\n      navigation {\n        label\n        to\n        icon\n        permission\n        order\n      }\n    }\n  }\n": typeof types.ActiveModulesDocument,
    "\n  mutation Setup($input: SetupInput!) {\n    setup(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SetupDocument,
    "\n  subscription DomainEvents($types: [String!], $after: ID) {\n    events(types: $types, after: $after) {\n      id\n      type\n      occurredAt\n      payload\n    }\n  }\n": typeof types.DomainEventsDocument,
    "\n  subscription ActiveModulesChanged {\n    activeModulesChanged {\n      fingerprint\n      modules\n    }\n  }\n": typeof types.ActiveModulesChangedDocument,
};
const documents: Documents = {
    "\n  fragment InventoryItemFields on InventoryItem {\n    id\n    name\n    sku\n    unit\n    stockQuantity\n    minimumStock\n    lowStock\n    category {\n      code\n      name\n    }\n    consumption {\n      treatmentType\n      quantity\n    }\n  }\n": types.InventoryItemFieldsFragmentDoc,
    "\n  query InventoryItems($search: String, $lowStockOnly: Boolean) {\n    inventoryItems(search: $search, lowStockOnly: $lowStockOnly) {\n      ...InventoryItemFields\n    }\n  }\n": types.InventoryItemsDocument,
    "\n  query InventoryCategories {\n    inventoryCategories {\n      code\n      name\n    }\n  }\n": types.InventoryCategoriesDocument,
    "\n  query LowStockCount {\n    inventoryItems(lowStockOnly: true) {\n      id\n    }\n  }\n": types.LowStockCountDocument,
    "\n  mutation CreateInventoryItem($input: CreateInventoryItemInput!) {\n    createInventoryItem(input: $input) {\n      ...InventoryItemFields\n    }\n  }\n": types.CreateInventoryItemDocument,
    "\n  mutation RecordStockMovement($input: RecordStockMovementInput!) {\n    recordStockMovement(input: $input) {\n      ...InventoryItemFields\n    }\n  }\n": types.RecordStockMovementDocument,
    "\n  query AccountingExportPreview($from: Date!, $to: Date!) {\n    accountingExportPreview(from: $from, to: $to) {\n      invoiceCount\n      creditNoteCount\n      net\n      tax\n      total\n      collectionCount\n      collected\n      refundCount\n      refunded\n      sampleInvoices {\n        number\n        kind\n        issueDate\n        customer\n        total\n        status\n      }\n      sampleCollections {\n        paidOn\n        invoiceNumber\n        kind\n        amount\n        method\n      }\n    }\n  }\n": types.AccountingExportPreviewDocument,
    "\n  query AccountingExportLink($from: Date!, $to: Date!, $locale: AccountingExportLocale) {\n    accountingExportLink(from: $from, to: $to, locale: $locale) {\n      url\n      expiresAt\n    }\n  }\n": types.AccountingExportLinkDocument,
    "\n  fragment AppointmentFields on Appointment {\n    id\n    startTime\n    endTime\n    status\n    allowedTransitions\n    treatmentType\n    notes\n    currentStatusSince\n    patient {\n      id\n      fullName\n    }\n    professional {\n      id\n      fullName\n    }\n    cabinet {\n      id\n      name\n      color\n    }\n  }\n": types.AppointmentFieldsFragmentDoc,
    "\n  query AgendaDay($date: Date!) {\n    agendaDay(date: $date) {\n      date\n      timezone\n      byCabinet {\n        cabinet {\n          id\n          name\n          color\n        }\n        appointments {\n          ...AppointmentFields\n        }\n      }\n      byStatus {\n        status\n        appointments {\n          ...AppointmentFields\n        }\n      }\n      unassigned {\n        ...AppointmentFields\n      }\n    }\n  }\n": types.AgendaDayDocument,
    "\n  query AgendaWeek($from: DateTime!, $to: DateTime!, $professionalId: ID) {\n    appointments(from: $from, to: $to, professionalId: $professionalId) {\n      ...AppointmentFields\n    }\n  }\n": types.AgendaWeekDocument,
    "\n  query AgendaAvailability($from: DateTime!, $to: DateTime!, $professionalId: ID) {\n    availability(from: $from, to: $to, professionalId: $professionalId) {\n      start\n      end\n      state\n      reason\n    }\n  }\n": types.AgendaAvailabilityDocument,
    "\n  query AgendaClinic {\n    me {\n      clinic {\n        id\n        timezone\n      }\n    }\n  }\n": types.AgendaClinicDocument,
    "\n  query AgendaBookingOptions {\n    cabinets {\n      id\n      name\n      color\n      isActive\n    }\n    professionals {\n      id\n      fullName\n    }\n  }\n": types.AgendaBookingOptionsDocument,
    "\n  query AgendaPatientPicker($search: String) {\n    patients(search: $search, page: 1, pageSize: 10) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n": types.AgendaPatientPickerDocument,
    "\n  mutation ScheduleAppointment($input: ScheduleAppointmentInput!) {\n    scheduleAppointment(input: $input) {\n      ...AppointmentFields\n    }\n  }\n": types.ScheduleAppointmentDocument,
    "\n  mutation RescheduleAppointment($id: ID!, $startTime: DateTime!, $endTime: DateTime!, $cabinetId: ID) {\n    rescheduleAppointment(id: $id, startTime: $startTime, endTime: $endTime, cabinetId: $cabinetId) {\n      ...AppointmentFields\n    }\n  }\n": types.RescheduleAppointmentDocument,
    "\n  mutation TransitionAppointment($id: ID!, $to: AppointmentStatus!) {\n    transitionAppointment(id: $id, to: $to) {\n      ...AppointmentFields\n    }\n  }\n": types.TransitionAppointmentDocument,
    "\n  mutation AssignCabinet($id: ID!, $cabinetId: ID) {\n    assignCabinet(id: $id, cabinetId: $cabinetId) {\n      ...AppointmentFields\n    }\n  }\n": types.AssignCabinetDocument,
    "\n  subscription AgendaChanged($from: DateTime, $to: DateTime, $after: ID) {\n    agendaChanged(from: $from, to: $to, after: $after) {\n      eventId\n      type\n      appointment {\n        ...AppointmentFields\n      }\n    }\n  }\n": types.AgendaChangedDocument,
    "\n  query AgendaBookingPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      fullName\n    }\n  }\n": types.AgendaBookingPatientDocument,
    "\n  query AgendaToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {\n    appointments(from: $from, to: $to, status: $status) {\n      id\n      startTime\n      status\n      treatmentType\n      patient {\n        id\n        fullName\n      }\n      professional {\n        id\n        fullName\n      }\n    }\n    professionals {\n      id\n    }\n  }\n": types.AgendaTodayDocument,
    "\n  fragment InvoiceSummaryFields on Invoice {\n    id\n    kind\n    number\n    status\n    issueDate\n    dueDate\n    billingName\n    total\n    paid\n    balance\n    createdAt\n    patient {\n      id\n      fullName\n    }\n  }\n": types.InvoiceSummaryFieldsFragmentDoc,
    "\n  fragment InvoiceDetailFields on Invoice {\n    ...InvoiceSummaryFields\n    nextStatuses\n    budgetId\n    billingTaxId\n    billingAddress\n    billingEmail\n    subtotal\n    totalDiscount\n    totalTax\n    notes\n    voidReason\n    creditNoteFor {\n      id\n      number\n    }\n    creditNotes {\n      id\n      number\n    }\n    items {\n      id\n      description\n      quantity\n      unitPrice\n      discount\n      vatRate\n      netAmount\n      taxAmount\n      total\n    }\n    payments {\n      id\n      kind\n      amount\n      method\n      paidAt\n      reference\n      reason\n    }\n  }\n": types.InvoiceDetailFieldsFragmentDoc,
    "\n  query Invoices($status: [InvoiceStatus!], $patientId: ID, $page: Int, $pageSize: Int) {\n    invoices(status: $status, patientId: $patientId, page: $page, pageSize: $pageSize) {\n      items {\n        ...InvoiceSummaryFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": types.InvoicesDocument,
    "\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceDetailFields\n    }\n  }\n": types.InvoiceDocument,
    "\n  mutation CreateInvoiceFromBudget($budgetId: ID!) {\n    createInvoiceFromBudget(budgetId: $budgetId) {\n      ...InvoiceDetailFields\n    }\n  }\n": types.CreateInvoiceFromBudgetDocument,
    "\n  mutation IssueInvoice($id: ID!) {\n    issueInvoice(id: $id) {\n      ...InvoiceDetailFields\n    }\n  }\n": types.IssueInvoiceDocument,
    "\n  mutation RecordInvoicePayment($invoiceId: ID!, $amount: Decimal!, $method: PaymentMethod!, $reference: String) {\n    recordInvoicePayment(invoiceId: $invoiceId, amount: $amount, method: $method, reference: $reference) {\n      ...InvoiceDetailFields\n    }\n  }\n": types.RecordInvoicePaymentDocument,
    "\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceDetailFields\n    }\n  }\n": types.VoidInvoiceDocument,
    "\n  mutation CreateCreditNote($invoiceId: ID!, $reason: String!) {\n    createCreditNote(invoiceId: $invoiceId, reason: $reason) {\n      ...InvoiceDetailFields\n    }\n  }\n": types.CreateCreditNoteDocument,
    "\n  query BillingAcceptedBudgets($patientId: ID) {\n    budgets(status: [ACCEPTED], patientId: $patientId, pageSize: 100) {\n      items {\n        id\n        number\n        total\n        patient {\n          id\n          fullName\n        }\n        invoice {\n          id\n        }\n      }\n    }\n  }\n": types.BillingAcceptedBudgetsDocument,
    "\n  query UnpaidInvoices($pageSize: Int) {\n    invoices(status: [ISSUED, PARTIAL], kind: INVOICE, pageSize: $pageSize) {\n      items {\n        id\n        number\n        balance\n        dueDate\n        patient {\n          id\n          fullName\n        }\n      }\n      total\n    }\n  }\n": types.UnpaidInvoicesDocument,
    "\n  query InvoiceSearch($search: String!) {\n    invoices(search: $search, pageSize: 5) {\n      items {\n        id\n        kind\n        number\n        status\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n": types.InvoiceSearchDocument,
    "\n  fragment BudgetSummaryFields on Budget {\n    id\n    number\n    version\n    status\n    validUntil\n    total\n    createdAt\n    patient {\n      id\n      fullName\n    }\n  }\n": types.BudgetSummaryFieldsFragmentDoc,
    "\n  fragment BudgetFields on Budget {\n    ...BudgetSummaryFields\n    allowedActions\n    validFrom\n    globalDiscountType\n    globalDiscountValue\n    subtotal\n    totalDiscount\n    totalTax\n    notes\n    acceptedVia\n    rejectionReason\n    cancellationReason\n    items {\n      id\n      description\n      quantity\n      unitPrice\n      discountType\n      discountValue\n      vatRate\n      lineDiscount\n      netAmount\n      taxAmount\n      total\n      teeth\n      surfaces\n    }\n    history {\n      id\n      action\n      fromStatus\n      toStatus\n      changedAt\n      note\n    }\n  }\n": types.BudgetFieldsFragmentDoc,
    "\n  query Budgets($status: [BudgetStatus!], $page: Int, $pageSize: Int) {\n    budgets(status: $status, page: $page, pageSize: $pageSize) {\n      items {\n        ...BudgetSummaryFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": types.BudgetsDocument,
    "\n  query Budget($id: ID!) {\n    budget(id: $id) {\n      ...BudgetFields\n    }\n  }\n": types.BudgetDocument,
    "\n  query PatientBudgets($id: ID!) {\n    patient(id: $id) {\n      id\n      budgets {\n        ...BudgetSummaryFields\n      }\n    }\n  }\n": types.PatientBudgetsDocument,
    "\n  query BudgetPatientOptions($search: String) {\n    patients(search: $search, pageSize: 20) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n": types.BudgetPatientOptionsDocument,
    "\n  query BudgetCatalogOptions($search: String) {\n    catalogItems(search: $search, pageSize: 50) {\n      items {\n        id\n        code\n        name\n        price\n        pricingStrategy\n      }\n    }\n  }\n": types.BudgetCatalogOptionsDocument,
    "\n  mutation CreateBudget($input: CreateBudgetInput!) {\n    createBudget(input: $input) {\n      ...BudgetFields\n    }\n  }\n": types.CreateBudgetDocument,
    "\n  mutation SendBudget($id: ID!) {\n    sendBudget(id: $id) {\n      ...BudgetFields\n    }\n  }\n": types.SendBudgetDocument,
    "\n  mutation AcceptBudget($id: ID!, $acceptedVia: String) {\n    acceptBudget(id: $id, acceptedVia: $acceptedVia) {\n      ...BudgetFields\n    }\n  }\n": types.AcceptBudgetDocument,
    "\n  mutation RejectBudget($id: ID!, $reason: String, $note: String) {\n    rejectBudget(id: $id, reason: $reason, note: $note) {\n      ...BudgetFields\n    }\n  }\n": types.RejectBudgetDocument,
    "\n  mutation CancelBudget($id: ID!, $reason: String) {\n    cancelBudget(id: $id, reason: $reason) {\n      ...BudgetFields\n    }\n  }\n": types.CancelBudgetDocument,
    "\n  mutation DuplicateBudget($id: ID!) {\n    duplicateBudget(id: $id) {\n      ...BudgetFields\n    }\n  }\n": types.DuplicateBudgetDocument,
    "\n  mutation RenegotiateBudget($id: ID!, $reason: String) {\n    renegotiateBudget(id: $id, reason: $reason) {\n      ...BudgetFields\n    }\n  }\n": types.RenegotiateBudgetDocument,
    "\n  mutation AddBudgetItem($budgetId: ID!, $input: BudgetItemInput!) {\n    addBudgetItem(budgetId: $budgetId, input: $input) {\n      ...BudgetFields\n    }\n  }\n": types.AddBudgetItemDocument,
    "\n  mutation RemoveBudgetItem($id: ID!) {\n    removeBudgetItem(id: $id) {\n      ...BudgetFields\n    }\n  }\n": types.RemoveBudgetItemDocument,
    "\n  query PendingBudgets($pageSize: Int) {\n    budgets(status: [SENT], pageSize: $pageSize) {\n      items {\n        id\n        number\n        total\n        validUntil\n        patient {\n          id\n          fullName\n        }\n      }\n      total\n    }\n  }\n": types.PendingBudgetsDocument,
    "\n  query BudgetSearch($search: String!) {\n    budgets(search: $search, pageSize: 5) {\n      items {\n        id\n        number\n        version\n        status\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n": types.BudgetSearchDocument,
    "\n  query CatalogItems($search: String, $active: Boolean, $page: Int, $pageSize: Int) {\n    catalogItems(search: $search, active: $active, page: $page, pageSize: $pageSize) {\n      items {\n        id\n        code\n        name\n        pricingStrategy\n        price\n        isActive\n        category {\n          name\n        }\n        vatType {\n          name\n          rate\n        }\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": types.CatalogItemsDocument,
    "\n  query QuoteTreatment($input: QuoteTreatmentInput!) {\n    quoteTreatment(input: $input) {\n      net\n      vatRate\n      vatAmount\n      gross\n      units\n    }\n  }\n": types.QuoteTreatmentDocument,
    "\n  fragment ClinicalNoteFields on ClinicalNote {\n    id\n    body\n    ownerType\n    ownerId\n    toothNumber\n    createdAt\n    canDelete\n    author {\n      id\n      fullName\n    }\n  }\n": types.ClinicalNoteFieldsFragmentDoc,
    "\n  query ClinicalNotes($patientId: ID!, $ownerType: NoteOwnerType, $ownerId: ID) {\n    clinicalNotes(patientId: $patientId, ownerType: $ownerType, ownerId: $ownerId) {\n      ...ClinicalNoteFields\n    }\n  }\n": types.ClinicalNotesDocument,
    "\n  query NoteTemplates {\n    noteTemplates {\n      id\n      name\n      body\n    }\n  }\n": types.NoteTemplatesDocument,
    "\n  mutation CreateClinicalNote($input: CreateClinicalNoteInput!) {\n    createClinicalNote(input: $input) {\n      ...ClinicalNoteFields\n    }\n  }\n": types.CreateClinicalNoteDocument,
    "\n  mutation DeleteClinicalNote($id: ID!) {\n    deleteClinicalNote(id: $id) {\n      id\n    }\n  }\n": types.DeleteClinicalNoteDocument,
    "\n  query PatientDocuments($patientId: ID!) {\n    documents(patientId: $patientId) {\n      id\n      title\n      documentType\n      kind\n      mimeType\n      sizeBytes\n      createdAt\n      downloadUrl\n      tags\n      pairedDocument {\n        id\n        title\n      }\n    }\n  }\n": types.PatientDocumentsDocument,
    "\n  query DocumentUploadUrl {\n    documentUploadUrl\n  }\n": types.DocumentUploadUrlDocument,
    "\n  mutation ArchiveDocument($id: ID!) {\n    archiveDocument(id: $id) {\n      id\n      status\n    }\n  }\n": types.ArchiveDocumentDocument,
    "\n  query NotificationMessages($status: [NotificationStatus!], $page: Int, $pageSize: Int) {\n    notificationMessages(status: $status, page: $page, pageSize: $pageSize) {\n      items {\n        id\n        status\n        skipReason\n        toAddress\n        templateKey\n        locale\n        subject\n        bodyText\n        attempts\n        maxAttempts\n        nextAttemptAt\n        lastError\n        triggeredByEvent\n        canRetry\n        createdAt\n        sentAt\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": types.NotificationMessagesDocument,
    "\n  mutation RetryNotification($id: ID!) {\n    retryNotification(id: $id) {\n      id\n      status\n      attempts\n      nextAttemptAt\n      canRetry\n    }\n  }\n": types.RetryNotificationDocument,
    "\n  query NotificationTemplates {\n    notificationTemplates {\n      id\n      templateKey\n      locale\n      subject\n      bodyText\n      description\n      isSystem\n      isActive\n      updatedAt\n    }\n  }\n": types.NotificationTemplatesDocument,
    "\n  mutation UpsertNotificationTemplate($input: UpsertNotificationTemplateInput!) {\n    upsertNotificationTemplate(input: $input) {\n      id\n      templateKey\n      locale\n      subject\n      bodyText\n      isSystem\n      isActive\n    }\n  }\n": types.UpsertNotificationTemplateDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      enabled\n      senderName\n      replyTo\n      defaultLocale\n      reminderHoursBefore\n      autoSend {\n        eventType\n        templateKey\n        enabled\n      }\n    }\n  }\n": types.NotificationSettingsDocument,
    "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      enabled\n      senderName\n      replyTo\n      defaultLocale\n      reminderHoursBefore\n      autoSend {\n        eventType\n        templateKey\n        enabled\n      }\n    }\n  }\n": types.UpdateNotificationSettingsDocument,
    "\n  query OdontogramTeeth($patientId: ID!, $at: Date) {\n    odontogram(patientId: $patientId, at: $at) {\n      patientId\n      at\n      teeth {\n        toothNumber\n        condition\n        deciduous\n        notes\n        surfaces {\n          surface\n          condition\n        }\n      }\n    }\n  }\n": types.OdontogramTeethDocument,
    "\n  query OdontogramTreatments($patientId: ID!, $at: Date) {\n    odontogram(patientId: $patientId, at: $at) {\n      patientId\n      treatments {\n        ...OdontogramTreatmentFields\n      }\n    }\n  }\n": types.OdontogramTreatmentsDocument,
    "\n  fragment OdontogramTreatmentFields on Treatment {\n    id\n    clinicalType\n    category\n    scope\n    arch\n    status\n    allowedTransitions\n    price\n    durationMinutes\n    notes\n    performedAt\n    teeth {\n      toothNumber\n      role\n      surfaces\n    }\n  }\n": types.OdontogramTreatmentFieldsFragmentDoc,
    "\n  query OdontogramDays($patientId: ID!) {\n    odontogramDays(patientId: $patientId) {\n      date\n      toothChanges\n      treatments\n    }\n  }\n": types.OdontogramDaysDocument,
    "\n  query OdontogramCatalogItems {\n    catalogItems(pageSize: 100) {\n      items {\n        id\n        code\n        name\n      }\n    }\n  }\n": types.OdontogramCatalogItemsDocument,
    "\n  mutation SetToothCondition(\n    $patientId: ID!\n    $toothNumber: Int!\n    $condition: ToothCondition\n    $surfaces: [SurfaceConditionInput!]\n  ) {\n    setToothCondition(patientId: $patientId, toothNumber: $toothNumber, condition: $condition, surfaces: $surfaces) {\n      toothNumber\n      condition\n    }\n  }\n": types.SetToothConditionDocument,
    "\n  mutation AddTreatment($input: AddTreatmentInput!) {\n    addTreatment(input: $input) {\n      ...OdontogramTreatmentFields\n    }\n  }\n": types.AddTreatmentDocument,
    "\n  mutation PerformTreatment($id: ID!) {\n    performTreatment(id: $id) {\n      ...OdontogramTreatmentFields\n    }\n  }\n": types.PerformTreatmentDocument,
    "\n  mutation DeleteTreatment($id: ID!) {\n    deleteTreatment(id: $id) {\n      id\n    }\n  }\n": types.DeleteTreatmentDocument,
    "\n  query ToothHistory($patientId: ID!, $toothNumber: Int!) {\n    toothHistory(patientId: $patientId, toothNumber: $toothNumber) {\n      changeType\n      surface\n      oldCondition\n      newCondition\n      changedAt\n    }\n  }\n": types.ToothHistoryDocument,
    "\n  query PatientFamily($patientId: ID!) {\n    patientRelationships(patientId: $patientId) {\n      id\n      type\n      notes\n      relatedPatient {\n        id\n        fullName\n      }\n    }\n  }\n": types.PatientFamilyDocument,
    "\n  query FamilyPatientPicker($search: String) {\n    patients(search: $search, page: 1, pageSize: 10) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n": types.FamilyPatientPickerDocument,
    "\n  mutation AddPatientRelationship($input: AddPatientRelationshipInput!) {\n    addPatientRelationship(input: $input) {\n      id\n    }\n  }\n": types.AddPatientRelationshipDocument,
    "\n  mutation UpdatePatientRelationship($id: ID!, $input: UpdatePatientRelationshipInput!) {\n    updatePatientRelationship(id: $id, input: $input) {\n      id\n      type\n      notes\n    }\n  }\n": types.UpdatePatientRelationshipDocument,
    "\n  mutation RemovePatientRelationship($id: ID!) {\n    removePatientRelationship(id: $id) {\n      id\n    }\n  }\n": types.RemovePatientRelationshipDocument,
    "\n  query PatientTimeline($patientId: ID!, $category: TimelineCategory, $page: Int, $pageSize: Int) {\n    patientTimeline(patientId: $patientId, category: $category, page: $page, pageSize: $pageSize) {\n      entries {\n        id\n        type\n        category\n        title\n        description\n        occurredAt\n        data\n      }\n      total\n      page\n      hasMore\n    }\n  }\n": types.PatientTimelineDocument,
    "\n  fragment PatientFields on Patient {\n    id\n    firstName\n    lastName\n    fullName\n    phone\n    email\n    dateOfBirth\n    notes\n    status\n    doNotContact\n    createdAt\n    updatedAt\n  }\n": types.PatientFieldsFragmentDoc,
    "\n  query Patients($search: String, $page: Int, $pageSize: Int, $includeArchived: Boolean) {\n    patients(search: $search, page: $page, pageSize: $pageSize, includeArchived: $includeArchived) {\n      items {\n        ...PatientFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n": types.PatientsDocument,
    "\n  query Patient($id: ID!) {\n    patient(id: $id) {\n      ...PatientFields\n    }\n  }\n": types.PatientDocument,
    "\n  query PatientCount {\n    patients(page: 1, pageSize: 1) {\n      total\n    }\n  }\n": types.PatientCountDocument,
    "\n  mutation CreatePatient($input: CreatePatientInput!) {\n    createPatient(input: $input) {\n      ...PatientFields\n    }\n  }\n": types.CreatePatientDocument,
    "\n  mutation UpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      ...PatientFields\n    }\n  }\n": types.UpdatePatientDocument,
    "\n  mutation ArchivePatient($id: ID!) {\n    archivePatient(id: $id) {\n      ...PatientFields\n    }\n  }\n": types.ArchivePatientDocument,
    "\n  query PatientSearch($search: String!) {\n    patients(search: $search, pageSize: 5) {\n      items {\n        id\n        fullName\n        phone\n        email\n      }\n    }\n  }\n": types.PatientSearchDocument,
    "\n  query PatientMedicalAlerts($id: ID!) {\n    patient(id: $id) {\n      id\n      medicalAlerts {\n        code\n        severity\n        message\n        generic\n        subject\n        detail\n        pregnancyWeek\n        controlled\n        inrValue\n        inrDate\n      }\n    }\n  }\n": types.PatientMedicalAlertsDocument,
    "\n  query MedicalHistory($patientId: ID!) {\n    medicalContext(patientId: $patientId) {\n      patientId\n      isPregnant\n      pregnancyWeek\n      isLactating\n      isSmoker\n      smokingFrequency\n      alcoholConsumption\n      bruxism\n      anesthesiaAdverseReaction\n      anesthesiaReactionDetails\n      notes\n      updatedAt\n      allergies {\n        id\n        substance\n        type\n        severity\n        reaction\n        notes\n        updatedAt\n      }\n      medications {\n        id\n        name\n        dosage\n        frequency\n        startDate\n        isAnticoagulant\n        inrValue\n        inrDate\n        notes\n        updatedAt\n      }\n      systemicDiseases {\n        id\n        name\n        diagnosisDate\n        isControlled\n        isCritical\n        notes\n        updatedAt\n      }\n      surgicalHistory {\n        id\n        procedure\n        surgeryDate\n        complications\n        notes\n        updatedAt\n      }\n    }\n  }\n": types.MedicalHistoryDocument,
    "\n  query MedicalHistoryAudit($patientId: ID!) {\n    medicalHistoryAudit(patientId: $patientId, limit: 100) {\n      id\n      section\n      action\n      summary\n      subject\n      subjectSeverity\n      changedFields\n      reason\n      changedAt\n      changedByUser {\n        id\n        fullName\n      }\n    }\n  }\n": types.MedicalHistoryAuditDocument,
    "\n  mutation UpdateMedicalContext($patientId: ID!, $input: MedicalContextInput!) {\n    updateMedicalContext(patientId: $patientId, input: $input) {\n      patientId\n      updatedAt\n    }\n  }\n": types.UpdateMedicalContextDocument,
    "\n  mutation AddAllergy($patientId: ID!, $input: AllergyInput!) {\n    addAllergy(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n": types.AddAllergyDocument,
    "\n  mutation UpdateAllergy($id: ID!, $input: AllergyUpdateInput!) {\n    updateAllergy(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateAllergyDocument,
    "\n  mutation RemoveAllergy($id: ID!, $reason: String!) {\n    removeAllergy(id: $id, reason: $reason) {\n      id\n    }\n  }\n": types.RemoveAllergyDocument,
    "\n  mutation AddMedication($patientId: ID!, $input: MedicationInput!) {\n    addMedication(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n": types.AddMedicationDocument,
    "\n  mutation UpdateMedication($id: ID!, $input: MedicationUpdateInput!) {\n    updateMedication(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateMedicationDocument,
    "\n  mutation RemoveMedication($id: ID!, $reason: String!) {\n    removeMedication(id: $id, reason: $reason) {\n      id\n    }\n  }\n": types.RemoveMedicationDocument,
    "\n  mutation AddSystemicDisease($patientId: ID!, $input: SystemicDiseaseInput!) {\n    addSystemicDisease(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n": types.AddSystemicDiseaseDocument,
    "\n  mutation UpdateSystemicDisease($id: ID!, $input: SystemicDiseaseUpdateInput!) {\n    updateSystemicDisease(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateSystemicDiseaseDocument,
    "\n  mutation RemoveSystemicDisease($id: ID!, $reason: String!) {\n    removeSystemicDisease(id: $id, reason: $reason) {\n      id\n    }\n  }\n": types.RemoveSystemicDiseaseDocument,
    "\n  mutation AddSurgicalProcedure($patientId: ID!, $input: SurgicalProcedureInput!) {\n    addSurgicalProcedure(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n": types.AddSurgicalProcedureDocument,
    "\n  mutation UpdateSurgicalProcedure($id: ID!, $input: SurgicalProcedureUpdateInput!) {\n    updateSurgicalProcedure(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateSurgicalProcedureDocument,
    "\n  mutation RemoveSurgicalProcedure($id: ID!, $reason: String!) {\n    removeSurgicalProcedure(id: $id, reason: $reason) {\n      id\n    }\n  }\n": types.RemoveSurgicalProcedureDocument,
    "\n  query MedicalAlertsToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {\n    appointments(from: $from, to: $to, status: $status) {\n      id\n      startTime\n      patient {\n        id\n        fullName\n        medicalAlerts {\n          code\n          severity\n          message\n        }\n      }\n    }\n  }\n": types.MedicalAlertsTodayDocument,
    "\n  fragment PaymentFields on Payment {\n    id\n    amount\n    currency\n    method\n    paymentDate\n    reference\n    origin\n    refunded\n    refundable\n    createdAt\n    allocations {\n      id\n      target\n      targetId\n      amount\n      refunded\n    }\n  }\n": types.PaymentFieldsFragmentDoc,
    "\n  query PatientAccount($patientId: ID!) {\n    patientAccount(patientId: $patientId) {\n      patientId\n      currency\n      earned\n      paid\n      refunded\n      balance\n      credit\n      receivable\n      onAccount\n      pendingCharges {\n        earnedEntryId\n        description\n        performedAt\n        amount\n        outstanding\n        ageDays\n      }\n      ledger {\n        id\n        kind\n        occurredAt\n        description\n        amount\n        method\n      }\n    }\n    patient(id: $patientId) {\n      id\n      payments {\n        ...PaymentFields\n      }\n    }\n  }\n": types.PatientAccountDocument,
    "\n  query PaymentTargets($patientId: ID!) {\n    invoices(patientId: $patientId, status: [ISSUED, PARTIAL], pageSize: 100) {\n      items {\n        id\n        number\n        balance\n      }\n    }\n    budgets(patientId: $patientId, status: [SENT, ACCEPTED], pageSize: 100) {\n      items {\n        id\n        number\n        total\n      }\n    }\n  }\n": types.PaymentTargetsDocument,
    "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      ...PaymentFields\n    }\n  }\n": types.RecordPaymentDocument,
    "\n  mutation RefundPayment($paymentId: ID!, $amount: Decimal!, $reasonCode: RefundReason!, $reasonNote: String) {\n    refundPayment(paymentId: $paymentId, amount: $amount, reasonCode: $reasonCode, reasonNote: $reasonNote) {\n      id\n      amount\n      payment {\n        id\n        refunded\n        refundable\n      }\n    }\n  }\n": types.RefundPaymentDocument,
    "\n  query PaymentsList($filter: PaymentsFilter, $page: Int, $pageSize: Int) {\n    payments(filter: $filter, page: $page, pageSize: $pageSize) {\n      total\n      page\n      pageSize\n      items {\n        ...PaymentFields\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n": types.PaymentsListDocument,
    "\n  query PaymentReports($from: Date!, $to: Date!) {\n    paymentsSummary(from: $from, to: $to) {\n      currency\n      collected\n      refunded\n      net\n      earned\n      paymentCount\n      refundCount\n      byMethod {\n        method\n        count\n        collected\n        refunded\n      }\n      byMonth {\n        month\n        collected\n        refunded\n        earned\n      }\n    }\n    receivablesAging {\n      currency\n      total\n      buckets {\n        label\n        amount\n        patientCount\n      }\n      patients {\n        patient {\n          id\n          fullName\n        }\n        receivable\n        oldestDays\n        bucket\n      }\n    }\n  }\n": types.PaymentReportsDocument,
    "\n  fragment PeriodontalExamFields on PeriodontalExam {\n    id\n    status\n    createdAt\n    closedAt\n    sites {\n      toothNumber\n      site\n      probingDepth\n      recession\n      bleeding\n      plaque\n      suppuration\n    }\n    indices {\n      sitesExamined\n      bleedingPercent\n      plaquePercent\n      meanProbingDepth\n      meanAttachmentLoss\n      pocketsOver5mm\n    }\n  }\n": types.PeriodontalExamFieldsFragmentDoc,
    "\n  query PatientPeriodontalExams($patientId: ID!) {\n    periodontalExams(patientId: $patientId) {\n      ...PeriodontalExamFields\n    }\n  }\n": types.PatientPeriodontalExamsDocument,
    "\n  mutation StartPeriodontalExam($patientId: ID!) {\n    startPeriodontalExam(patientId: $patientId) {\n      ...PeriodontalExamFields\n    }\n  }\n": types.StartPeriodontalExamDocument,
    "\n  mutation RecordPeriodontalSites($examId: ID!, $sites: [PeriodontalSiteInput!]!) {\n    recordPeriodontalSites(examId: $examId, sites: $sites) {\n      ...PeriodontalExamFields\n    }\n  }\n": types.RecordPeriodontalSitesDocument,
    "\n  mutation ClosePeriodontalExam($id: ID!) {\n    closePeriodontalExam(id: $id) {\n      ...PeriodontalExamFields\n    }\n  }\n": types.ClosePeriodontalExamDocument,
    "\n  query ComparePeriodontalExams($baseId: ID!, $otherId: ID!) {\n    comparePeriodontalExams(baseId: $baseId, otherId: $otherId) {\n      sites {\n        toothNumber\n        site\n        probingDepthDelta\n        attachmentLossDelta\n        bleedingBefore\n        bleedingAfter\n      }\n    }\n  }\n": types.ComparePeriodontalExamsDocument,
    "\n  fragment RecallFields on Recall {\n    id\n    status\n    reason\n    reasonNote\n    priority\n    dueMonth\n    dueDate\n    overdue\n    contactAttemptCount\n    lastContactAttemptAt\n    linkedAppointmentId\n    allowedTransitions\n  }\n": types.RecallFieldsFragmentDoc,
    "\n  query Recalls($status: [RecallStatus!], $dueMonth: String, $patientId: ID) {\n    recalls(status: $status, dueMonth: $dueMonth, patientId: $patientId) {\n      ...RecallFields\n      patient {\n        id\n        fullName\n        phone\n        doNotContact\n      }\n    }\n  }\n": types.RecallsDocument,
    "\n  query PatientRecalls($patientId: ID!) {\n    recalls(patientId: $patientId) {\n      ...RecallFields\n    }\n  }\n": types.PatientRecallsDocument,
    "\n  query RecallDashboard {\n    recallDashboard {\n      dueThisMonth\n      overdue\n      scheduled\n      completedThisMonth\n    }\n  }\n": types.RecallDashboardDocument,
    "\n  mutation CreateRecall($input: CreateRecallInput!) {\n    createRecall(input: $input) {\n      ...RecallFields\n    }\n  }\n": types.CreateRecallDocument,
    "\n  mutation LogRecallContact($id: ID!, $channel: RecallContactChannel!, $outcome: RecallContactOutcome!, $note: String) {\n    logRecallContact(id: $id, channel: $channel, outcome: $outcome, note: $note) {\n      ...RecallFields\n    }\n  }\n": types.LogRecallContactDocument,
    "\n  mutation SnoozeRecall($id: ID!, $months: Int!) {\n    snoozeRecall(id: $id, months: $months) {\n      ...RecallFields\n    }\n  }\n": types.SnoozeRecallDocument,
    "\n  mutation CompleteRecall($id: ID!) {\n    completeRecall(id: $id) {\n      ...RecallFields\n    }\n  }\n": types.CompleteRecallDocument,
    "\n  mutation CancelRecall($id: ID!) {\n    cancelRecall(id: $id) {\n      ...RecallFields\n    }\n  }\n": types.CancelRecallDocument,
    "\n  query RecallSettings {\n    recallSettings {\n      intervals {\n        reason\n        months\n      }\n      reminderLeadDays\n    }\n  }\n": types.RecallSettingsDocument,
    "\n  mutation UpdateRecallSettings($input: RecallSettingsInput!) {\n    updateRecallSettings(input: $input) {\n      intervals {\n        reason\n        months\n      }\n      reminderLeadDays\n    }\n  }\n": types.UpdateRecallSettingsDocument,
    "\n  query ReportsBillingReport($from: Date!, $to: Date!) {\n    billingReport(from: $from, to: $to) {\n      invoiceCount\n      invoiced\n      tax\n      creditNotes {\n        count\n        amount\n      }\n      netInvoiced\n      collected\n      outstanding\n      voidedCount\n      byPaymentMethod {\n        method\n        count\n        amount\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        invoiceCount\n        invoiced\n        collected\n      }\n      byMonth {\n        month\n        invoiced\n        credited\n        collected\n      }\n    }\n  }\n": types.ReportsBillingReportDocument,
    "\n  query ReportsBudgetConversionReport($from: Date!, $to: Date!) {\n    budgetConversionReport(from: $from, to: $to) {\n      count\n      amount\n      sentCount\n      acceptedCount\n      acceptedAmount\n      acceptanceRate\n      averageDaysToAcceptance\n      byStatus {\n        status\n        count\n        amount\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        count\n        sentCount\n        acceptedCount\n        acceptedAmount\n        acceptanceRate\n      }\n    }\n  }\n": types.ReportsBudgetConversionReportDocument,
    "\n  query ReportsSchedulingReport($from: Date!, $to: Date!) {\n    schedulingReport(from: $from, to: $to) {\n      appointmentCount\n      funnel {\n        byStatus {\n          status\n          count\n        }\n        completionRate\n        noShowRate\n        cancellationRate\n      }\n      waitingTime {\n        count\n        average\n        median\n        p90\n        buckets {\n          label\n          count\n        }\n      }\n      punctuality {\n        count\n        average\n        median\n        p90\n        early\n        onTime\n        late\n      }\n      durationVariance {\n        count\n        planned {\n          average\n        }\n        actual {\n          average\n        }\n        variance {\n          average\n          median\n          p90\n        }\n        overruns\n      }\n      byDayOfWeek {\n        dayOfWeek\n        appointments\n        completed\n        cancelled\n        noShows\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        appointments\n        completed\n        noShows\n        averageWaitMinutes\n      }\n    }\n  }\n": types.ReportsSchedulingReportDocument,
    "\n  query ScheduleClinicHours {\n    clinicHours {\n      weekday\n      start\n      end\n    }\n  }\n": types.ScheduleClinicHoursDocument,
    "\n  mutation SetClinicHours($shifts: [WeeklyShiftInput!]!) {\n    setClinicHours(shifts: $shifts) {\n      weekday\n      start\n      end\n    }\n  }\n": types.SetClinicHoursDocument,
    "\n  query ScheduleProfessionalHours($userId: ID!) {\n    professionalHours(userId: $userId) {\n      weekday\n      start\n      end\n    }\n  }\n": types.ScheduleProfessionalHoursDocument,
    "\n  mutation SetProfessionalHours($userId: ID!, $shifts: [WeeklyShiftInput!]!) {\n    setProfessionalHours(userId: $userId, shifts: $shifts) {\n      weekday\n      start\n      end\n    }\n  }\n": types.SetProfessionalHoursDocument,
    "\n  query ScheduleProfessionals {\n    professionals {\n      id\n      fullName\n    }\n  }\n": types.ScheduleProfessionalsDocument,
    "\n  fragment ScheduleOverrideFields on ScheduleOverride {\n    id\n    scope\n    userId\n    kind\n    startDate\n    endDate\n    reason\n    shifts {\n      start\n      end\n    }\n  }\n": types.ScheduleOverrideFieldsFragmentDoc,
    "\n  query ScheduleOverrides($userId: ID, $from: Date) {\n    scheduleOverrides(userId: $userId, from: $from) {\n      ...ScheduleOverrideFields\n    }\n  }\n": types.ScheduleOverridesDocument,
    "\n  mutation AddScheduleOverride($input: AddScheduleOverrideInput!) {\n    addScheduleOverride(input: $input) {\n      ...ScheduleOverrideFields\n    }\n  }\n": types.AddScheduleOverrideDocument,
    "\n  mutation RemoveScheduleOverride($id: ID!) {\n    removeScheduleOverride(id: $id) {\n      id\n      removedAt\n    }\n  }\n": types.RemoveScheduleOverrideDocument,
    "\n  query ScheduleFreeSlots($professionalId: ID!, $durationMinutes: Int!, $from: DateTime, $limit: Int) {\n    findFreeSlots(professionalId: $professionalId, durationMinutes: $durationMinutes, from: $from, limit: $limit) {\n      start\n      end\n      freeUntil\n    }\n  }\n": types.ScheduleFreeSlotsDocument,
    "\n  query ScheduleSettings {\n    scheduleSettings {\n      refuseBookingsOutsideHours\n    }\n  }\n": types.ScheduleSettingsDocument,
    "\n  mutation UpdateScheduleSettings($refuseBookingsOutsideHours: Boolean!) {\n    updateScheduleSettings(refuseBookingsOutsideHours: $refuseBookingsOutsideHours) {\n      refuseBookingsOutsideHours\n    }\n  }\n": types.UpdateScheduleSettingsDocument,
    "\n  fragment TreatmentPlanFields on TreatmentPlan {\n    id\n    number\n    title\n    status\n    allowedTransitions\n    closureReason\n    closureNote\n    createdAt\n    budget {\n      id\n    }\n    items {\n      id\n      status\n      sequence\n      treatment {\n        id\n      }\n      sessions {\n        id\n        sequence\n        status\n        appointmentId\n      }\n    }\n  }\n": types.TreatmentPlanFieldsFragmentDoc,
    "\n  query TreatmentPlans($patientId: ID, $status: [TreatmentPlanStatus!]) {\n    treatmentPlans(patientId: $patientId, status: $status) {\n      ...TreatmentPlanFields\n      patient {\n        id\n        fullName\n      }\n    }\n  }\n": types.TreatmentPlansDocument,
    "\n  query TreatmentPlan($id: ID!) {\n    treatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n      editable\n      bookable\n      confirmedAt\n      closedAt\n      patient {\n        id\n        fullName\n      }\n    }\n  }\n": types.TreatmentPlanDocument,
    "\n  mutation ConfirmTreatmentPlan($id: ID!) {\n    confirmTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": types.ConfirmTreatmentPlanDocument,
    "\n  mutation CloseTreatmentPlan($id: ID!, $reason: PlanClosureReason!, $note: String) {\n    closeTreatmentPlan(id: $id, reason: $reason, note: $note) {\n      ...TreatmentPlanFields\n    }\n  }\n": types.CloseTreatmentPlanDocument,
    "\n  mutation ReactivateTreatmentPlan($id: ID!) {\n    reactivateTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": types.ReactivateTreatmentPlanDocument,
    "\n  mutation CompletePlanItem($id: ID!) {\n    completePlanItem(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": types.CompletePlanItemDocument,
    "\n  query PlannedTreatments($patientId: ID!) {\n    odontogram(patientId: $patientId) {\n      patientId\n      treatments(status: [PLANNED]) {\n        id\n        clinicalType\n        scope\n        teeth {\n          toothNumber\n        }\n        price\n      }\n    }\n  }\n": types.PlannedTreatmentsDocument,
    "\n  mutation CreateTreatmentPlan($input: CreateTreatmentPlanInput!) {\n    createTreatmentPlan(input: $input) {\n      ...TreatmentPlanFields\n    }\n  }\n": types.CreateTreatmentPlanDocument,
    "\n  mutation ArchiveTreatmentPlan($id: ID!) {\n    archiveTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": types.ArchiveTreatmentPlanDocument,
    "\n  mutation CompletePlanSession($id: ID!) {\n    completePlanSession(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n": types.CompletePlanSessionDocument,
    "\n  mutation AddPlanItem($planId: ID!, $treatmentId: ID!) {\n    addPlanItem(planId: $planId, treatmentId: $treatmentId) {\n      ...TreatmentPlanFields\n    }\n  }\n": types.AddPlanItemDocument,
    "\n  mutation LinkPlanSession($sessionId: ID!, $appointmentId: ID) {\n    linkPlanSessionAppointment(sessionId: $sessionId, appointmentId: $appointmentId) {\n      ...TreatmentPlanFields\n    }\n  }\n": types.LinkPlanSessionDocument,
    "\n  query PlanTreatmentsBooking($id: ID!) {\n    treatmentPlan(id: $id) {\n      id\n      items {\n        id\n        treatment {\n          id\n          clinicalType\n          durationMinutes\n          recordedBy {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.PlanTreatmentsBookingDocument,
    "\n  query PlanSessionAppointment($id: ID!) {\n    appointment(id: $id) {\n      id\n      startTime\n      status\n    }\n  }\n": types.PlanSessionAppointmentDocument,
    "\n  query ClinicUsers {\n    clinicUsers {\n      id\n      email\n      fullName\n      role\n      isProfessional\n      isActive\n    }\n  }\n": types.ClinicUsersDocument,
    "\n  mutation UpdateMembership($userId: ID!, $role: String, $isProfessional: Boolean) {\n    updateMembership(userId: $userId, role: $role, isProfessional: $isProfessional) {\n      id\n      role\n      isProfessional\n      isActive\n    }\n  }\n": types.UpdateMembershipDocument,
    "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      id\n      isActive\n    }\n  }\n": types.DeactivateUserDocument,
    "\n  mutation RemoveMembership($userId: ID!) {\n    removeMembership(userId: $userId)\n  }\n": types.RemoveMembershipDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      user {\n        email\n      }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  query Modules {\n    modules {\n      name\n      version\n      codeVersion\n      state\n      category\n      summary\n      depends\n      removable\n      nonRemovableReason\n      autoInstall\n      installedAt\n      upgradeAvailable\n      error\n      errorDetails\n    }\n  }\n": types.ModulesDocument,
    "\n  query ModuleOperations($name: String!, $limit: Int) {\n    moduleOperations(name: $name, limit: $limit) {\n      id\n      runId\n      operation\n      step\n      status\n      details\n      createdAt\n    }\n  }\n": types.ModuleOperationsDocument,
    "\n  query ModuleDoctor {\n    moduleDoctor {\n      ok\n      orphans\n      missingDependencies {\n        module\n        missing\n      }\n      manifestErrors {\n        module\n        code\n        error\n      }\n      erroredModules {\n        module\n        error\n      }\n      upgradesAvailable {\n        module\n        installed\n        available\n      }\n    }\n  }\n": types.ModuleDoctorDocument,
    "\n  mutation InstallModule($name: String!, $force: Boolean) {\n    installModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n": types.InstallModuleDocument,
    "\n  mutation UpgradeModule($name: String!) {\n    upgradeModule(name: $name) {\n      scheduled\n      requiresRestart\n    }\n  }\n": types.UpgradeModuleDocument,
    "\n  mutation RestartModules {\n    restartModules {\n      processed {\n        module\n        operation\n        status\n        error\n        errorDetails\n      }\n      activeModules\n      compositionErrors\n    }\n  }\n": types.RestartModulesDocument,
    "\n  mutation UninstallModule($name: String!, $force: Boolean) {\n    uninstallModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n": types.UninstallModuleDocument,
    "\n  mutation DisableModule($name: String!, $force: Boolean) {\n    disableModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n": types.DisableModuleDocument,
    "\n  mutation EnableModule($name: String!) {\n    enableModule(name: $name) {\n      scheduled\n      requiresRestart\n    }\n  }\n": types.EnableModuleDocument,
    "\n  query SetupStatus {\n    setupStatus {\n      initialized\n    }\n  }\n": types.SetupStatusDocument,
    "\n  query Me {\n    me {\n      user {\n        id\n        email\n        fullName\n        isPlatformAdmin\n      }\n      clinic {\n        id\n        name\n        timezone\n        currency\n      }\n      clinics {\n        id\n        name\n        role\n      }\n      role\n      permissions\n    }\n  }\n": types.MeDocument,
    "\n  query ActiveModules {\n    activeModules {\n      name\n      version\n      category\n      summary\n      permissions\n      navigation {\n        label\n        to\n        icon\n        permission\n        order\n      }\n    }\n  }\n": types.ActiveModulesDocument,
    "\n  mutation Setup($input: SetupInput!) {\n    setup(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": types.SetupDocument,
    "\n  subscription DomainEvents($types: [String!], $after: ID) {\n    events(types: $types, after: $after) {\n      id\n      type\n      occurredAt\n      payload\n    }\n  }\n": types.DomainEventsDocument,
    "\n  subscription ActiveModulesChanged {\n    activeModulesChanged {\n      fingerprint\n      modules\n    }\n  }\n": types.ActiveModulesChangedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InventoryItemFields on InventoryItem {\n    id\n    name\n    sku\n    unit\n    stockQuantity\n    minimumStock\n    lowStock\n    category {\n      code\n      name\n    }\n    consumption {\n      treatmentType\n      quantity\n    }\n  }\n"): (typeof documents)["\n  fragment InventoryItemFields on InventoryItem {\n    id\n    name\n    sku\n    unit\n    stockQuantity\n    minimumStock\n    lowStock\n    category {\n      code\n      name\n    }\n    consumption {\n      treatmentType\n      quantity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InventoryItems($search: String, $lowStockOnly: Boolean) {\n    inventoryItems(search: $search, lowStockOnly: $lowStockOnly) {\n      ...InventoryItemFields\n    }\n  }\n"): (typeof documents)["\n  query InventoryItems($search: String, $lowStockOnly: Boolean) {\n    inventoryItems(search: $search, lowStockOnly: $lowStockOnly) {\n      ...InventoryItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InventoryCategories {\n    inventoryCategories {\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  query InventoryCategories {\n    inventoryCategories {\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LowStockCount {\n    inventoryItems(lowStockOnly: true) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query LowStockCount {\n    inventoryItems(lowStockOnly: true) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInventoryItem($input: CreateInventoryItemInput!) {\n    createInventoryItem(input: $input) {\n      ...InventoryItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateInventoryItem($input: CreateInventoryItemInput!) {\n    createInventoryItem(input: $input) {\n      ...InventoryItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordStockMovement($input: RecordStockMovementInput!) {\n    recordStockMovement(input: $input) {\n      ...InventoryItemFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecordStockMovement($input: RecordStockMovementInput!) {\n    recordStockMovement(input: $input) {\n      ...InventoryItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountingExportPreview($from: Date!, $to: Date!) {\n    accountingExportPreview(from: $from, to: $to) {\n      invoiceCount\n      creditNoteCount\n      net\n      tax\n      total\n      collectionCount\n      collected\n      refundCount\n      refunded\n      sampleInvoices {\n        number\n        kind\n        issueDate\n        customer\n        total\n        status\n      }\n      sampleCollections {\n        paidOn\n        invoiceNumber\n        kind\n        amount\n        method\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountingExportPreview($from: Date!, $to: Date!) {\n    accountingExportPreview(from: $from, to: $to) {\n      invoiceCount\n      creditNoteCount\n      net\n      tax\n      total\n      collectionCount\n      collected\n      refundCount\n      refunded\n      sampleInvoices {\n        number\n        kind\n        issueDate\n        customer\n        total\n        status\n      }\n      sampleCollections {\n        paidOn\n        invoiceNumber\n        kind\n        amount\n        method\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountingExportLink($from: Date!, $to: Date!, $locale: AccountingExportLocale) {\n    accountingExportLink(from: $from, to: $to, locale: $locale) {\n      url\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query AccountingExportLink($from: Date!, $to: Date!, $locale: AccountingExportLocale) {\n    accountingExportLink(from: $from, to: $to, locale: $locale) {\n      url\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AppointmentFields on Appointment {\n    id\n    startTime\n    endTime\n    status\n    allowedTransitions\n    treatmentType\n    notes\n    currentStatusSince\n    patient {\n      id\n      fullName\n    }\n    professional {\n      id\n      fullName\n    }\n    cabinet {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  fragment AppointmentFields on Appointment {\n    id\n    startTime\n    endTime\n    status\n    allowedTransitions\n    treatmentType\n    notes\n    currentStatusSince\n    patient {\n      id\n      fullName\n    }\n    professional {\n      id\n      fullName\n    }\n    cabinet {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgendaDay($date: Date!) {\n    agendaDay(date: $date) {\n      date\n      timezone\n      byCabinet {\n        cabinet {\n          id\n          name\n          color\n        }\n        appointments {\n          ...AppointmentFields\n        }\n      }\n      byStatus {\n        status\n        appointments {\n          ...AppointmentFields\n        }\n      }\n      unassigned {\n        ...AppointmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgendaDay($date: Date!) {\n    agendaDay(date: $date) {\n      date\n      timezone\n      byCabinet {\n        cabinet {\n          id\n          name\n          color\n        }\n        appointments {\n          ...AppointmentFields\n        }\n      }\n      byStatus {\n        status\n        appointments {\n          ...AppointmentFields\n        }\n      }\n      unassigned {\n        ...AppointmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgendaWeek($from: DateTime!, $to: DateTime!, $professionalId: ID) {\n    appointments(from: $from, to: $to, professionalId: $professionalId) {\n      ...AppointmentFields\n    }\n  }\n"): (typeof documents)["\n  query AgendaWeek($from: DateTime!, $to: DateTime!, $professionalId: ID) {\n    appointments(from: $from, to: $to, professionalId: $professionalId) {\n      ...AppointmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgendaAvailability($from: DateTime!, $to: DateTime!, $professionalId: ID) {\n    availability(from: $from, to: $to, professionalId: $professionalId) {\n      start\n      end\n      state\n      reason\n    }\n  }\n"): (typeof documents)["\n  query AgendaAvailability($from: DateTime!, $to: DateTime!, $professionalId: ID) {\n    availability(from: $from, to: $to, professionalId: $professionalId) {\n      start\n      end\n      state\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgendaClinic {\n    me {\n      clinic {\n        id\n        timezone\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgendaClinic {\n    me {\n      clinic {\n        id\n        timezone\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgendaBookingOptions {\n    cabinets {\n      id\n      name\n      color\n      isActive\n    }\n    professionals {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  query AgendaBookingOptions {\n    cabinets {\n      id\n      name\n      color\n      isActive\n    }\n    professionals {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgendaPatientPicker($search: String) {\n    patients(search: $search, page: 1, pageSize: 10) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgendaPatientPicker($search: String) {\n    patients(search: $search, page: 1, pageSize: 10) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleAppointment($input: ScheduleAppointmentInput!) {\n    scheduleAppointment(input: $input) {\n      ...AppointmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation ScheduleAppointment($input: ScheduleAppointmentInput!) {\n    scheduleAppointment(input: $input) {\n      ...AppointmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RescheduleAppointment($id: ID!, $startTime: DateTime!, $endTime: DateTime!, $cabinetId: ID) {\n    rescheduleAppointment(id: $id, startTime: $startTime, endTime: $endTime, cabinetId: $cabinetId) {\n      ...AppointmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation RescheduleAppointment($id: ID!, $startTime: DateTime!, $endTime: DateTime!, $cabinetId: ID) {\n    rescheduleAppointment(id: $id, startTime: $startTime, endTime: $endTime, cabinetId: $cabinetId) {\n      ...AppointmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransitionAppointment($id: ID!, $to: AppointmentStatus!) {\n    transitionAppointment(id: $id, to: $to) {\n      ...AppointmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation TransitionAppointment($id: ID!, $to: AppointmentStatus!) {\n    transitionAppointment(id: $id, to: $to) {\n      ...AppointmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignCabinet($id: ID!, $cabinetId: ID) {\n    assignCabinet(id: $id, cabinetId: $cabinetId) {\n      ...AppointmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation AssignCabinet($id: ID!, $cabinetId: ID) {\n    assignCabinet(id: $id, cabinetId: $cabinetId) {\n      ...AppointmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AgendaChanged($from: DateTime, $to: DateTime, $after: ID) {\n    agendaChanged(from: $from, to: $to, after: $after) {\n      eventId\n      type\n      appointment {\n        ...AppointmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription AgendaChanged($from: DateTime, $to: DateTime, $after: ID) {\n    agendaChanged(from: $from, to: $to, after: $after) {\n      eventId\n      type\n      appointment {\n        ...AppointmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgendaBookingPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  query AgendaBookingPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgendaToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {\n    appointments(from: $from, to: $to, status: $status) {\n      id\n      startTime\n      status\n      treatmentType\n      patient {\n        id\n        fullName\n      }\n      professional {\n        id\n        fullName\n      }\n    }\n    professionals {\n      id\n    }\n  }\n"): (typeof documents)["\n  query AgendaToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {\n    appointments(from: $from, to: $to, status: $status) {\n      id\n      startTime\n      status\n      treatmentType\n      patient {\n        id\n        fullName\n      }\n      professional {\n        id\n        fullName\n      }\n    }\n    professionals {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceSummaryFields on Invoice {\n    id\n    kind\n    number\n    status\n    issueDate\n    dueDate\n    billingName\n    total\n    paid\n    balance\n    createdAt\n    patient {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceSummaryFields on Invoice {\n    id\n    kind\n    number\n    status\n    issueDate\n    dueDate\n    billingName\n    total\n    paid\n    balance\n    createdAt\n    patient {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceDetailFields on Invoice {\n    ...InvoiceSummaryFields\n    nextStatuses\n    budgetId\n    billingTaxId\n    billingAddress\n    billingEmail\n    subtotal\n    totalDiscount\n    totalTax\n    notes\n    voidReason\n    creditNoteFor {\n      id\n      number\n    }\n    creditNotes {\n      id\n      number\n    }\n    items {\n      id\n      description\n      quantity\n      unitPrice\n      discount\n      vatRate\n      netAmount\n      taxAmount\n      total\n    }\n    payments {\n      id\n      kind\n      amount\n      method\n      paidAt\n      reference\n      reason\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceDetailFields on Invoice {\n    ...InvoiceSummaryFields\n    nextStatuses\n    budgetId\n    billingTaxId\n    billingAddress\n    billingEmail\n    subtotal\n    totalDiscount\n    totalTax\n    notes\n    voidReason\n    creditNoteFor {\n      id\n      number\n    }\n    creditNotes {\n      id\n      number\n    }\n    items {\n      id\n      description\n      quantity\n      unitPrice\n      discount\n      vatRate\n      netAmount\n      taxAmount\n      total\n    }\n    payments {\n      id\n      kind\n      amount\n      method\n      paidAt\n      reference\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invoices($status: [InvoiceStatus!], $patientId: ID, $page: Int, $pageSize: Int) {\n    invoices(status: $status, patientId: $patientId, page: $page, pageSize: $pageSize) {\n      items {\n        ...InvoiceSummaryFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"): (typeof documents)["\n  query Invoices($status: [InvoiceStatus!], $patientId: ID, $page: Int, $pageSize: Int) {\n    invoices(status: $status, patientId: $patientId, page: $page, pageSize: $pageSize) {\n      items {\n        ...InvoiceSummaryFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceDetailFields\n    }\n  }\n"): (typeof documents)["\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInvoiceFromBudget($budgetId: ID!) {\n    createInvoiceFromBudget(budgetId: $budgetId) {\n      ...InvoiceDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateInvoiceFromBudget($budgetId: ID!) {\n    createInvoiceFromBudget(budgetId: $budgetId) {\n      ...InvoiceDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueInvoice($id: ID!) {\n    issueInvoice(id: $id) {\n      ...InvoiceDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation IssueInvoice($id: ID!) {\n    issueInvoice(id: $id) {\n      ...InvoiceDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordInvoicePayment($invoiceId: ID!, $amount: Decimal!, $method: PaymentMethod!, $reference: String) {\n    recordInvoicePayment(invoiceId: $invoiceId, amount: $amount, method: $method, reference: $reference) {\n      ...InvoiceDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecordInvoicePayment($invoiceId: ID!, $amount: Decimal!, $method: PaymentMethod!, $reference: String) {\n    recordInvoicePayment(invoiceId: $invoiceId, amount: $amount, method: $method, reference: $reference) {\n      ...InvoiceDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCreditNote($invoiceId: ID!, $reason: String!) {\n    createCreditNote(invoiceId: $invoiceId, reason: $reason) {\n      ...InvoiceDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCreditNote($invoiceId: ID!, $reason: String!) {\n    createCreditNote(invoiceId: $invoiceId, reason: $reason) {\n      ...InvoiceDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingAcceptedBudgets($patientId: ID) {\n    budgets(status: [ACCEPTED], patientId: $patientId, pageSize: 100) {\n      items {\n        id\n        number\n        total\n        patient {\n          id\n          fullName\n        }\n        invoice {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BillingAcceptedBudgets($patientId: ID) {\n    budgets(status: [ACCEPTED], patientId: $patientId, pageSize: 100) {\n      items {\n        id\n        number\n        total\n        patient {\n          id\n          fullName\n        }\n        invoice {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnpaidInvoices($pageSize: Int) {\n    invoices(status: [ISSUED, PARTIAL], kind: INVOICE, pageSize: $pageSize) {\n      items {\n        id\n        number\n        balance\n        dueDate\n        patient {\n          id\n          fullName\n        }\n      }\n      total\n    }\n  }\n"): (typeof documents)["\n  query UnpaidInvoices($pageSize: Int) {\n    invoices(status: [ISSUED, PARTIAL], kind: INVOICE, pageSize: $pageSize) {\n      items {\n        id\n        number\n        balance\n        dueDate\n        patient {\n          id\n          fullName\n        }\n      }\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoiceSearch($search: String!) {\n    invoices(search: $search, pageSize: 5) {\n      items {\n        id\n        kind\n        number\n        status\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InvoiceSearch($search: String!) {\n    invoices(search: $search, pageSize: 5) {\n      items {\n        id\n        kind\n        number\n        status\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BudgetSummaryFields on Budget {\n    id\n    number\n    version\n    status\n    validUntil\n    total\n    createdAt\n    patient {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  fragment BudgetSummaryFields on Budget {\n    id\n    number\n    version\n    status\n    validUntil\n    total\n    createdAt\n    patient {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BudgetFields on Budget {\n    ...BudgetSummaryFields\n    allowedActions\n    validFrom\n    globalDiscountType\n    globalDiscountValue\n    subtotal\n    totalDiscount\n    totalTax\n    notes\n    acceptedVia\n    rejectionReason\n    cancellationReason\n    items {\n      id\n      description\n      quantity\n      unitPrice\n      discountType\n      discountValue\n      vatRate\n      lineDiscount\n      netAmount\n      taxAmount\n      total\n      teeth\n      surfaces\n    }\n    history {\n      id\n      action\n      fromStatus\n      toStatus\n      changedAt\n      note\n    }\n  }\n"): (typeof documents)["\n  fragment BudgetFields on Budget {\n    ...BudgetSummaryFields\n    allowedActions\n    validFrom\n    globalDiscountType\n    globalDiscountValue\n    subtotal\n    totalDiscount\n    totalTax\n    notes\n    acceptedVia\n    rejectionReason\n    cancellationReason\n    items {\n      id\n      description\n      quantity\n      unitPrice\n      discountType\n      discountValue\n      vatRate\n      lineDiscount\n      netAmount\n      taxAmount\n      total\n      teeth\n      surfaces\n    }\n    history {\n      id\n      action\n      fromStatus\n      toStatus\n      changedAt\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Budgets($status: [BudgetStatus!], $page: Int, $pageSize: Int) {\n    budgets(status: $status, page: $page, pageSize: $pageSize) {\n      items {\n        ...BudgetSummaryFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"): (typeof documents)["\n  query Budgets($status: [BudgetStatus!], $page: Int, $pageSize: Int) {\n    budgets(status: $status, page: $page, pageSize: $pageSize) {\n      items {\n        ...BudgetSummaryFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Budget($id: ID!) {\n    budget(id: $id) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  query Budget($id: ID!) {\n    budget(id: $id) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientBudgets($id: ID!) {\n    patient(id: $id) {\n      id\n      budgets {\n        ...BudgetSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientBudgets($id: ID!) {\n    patient(id: $id) {\n      id\n      budgets {\n        ...BudgetSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetPatientOptions($search: String) {\n    patients(search: $search, pageSize: 20) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetPatientOptions($search: String) {\n    patients(search: $search, pageSize: 20) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetCatalogOptions($search: String) {\n    catalogItems(search: $search, pageSize: 50) {\n      items {\n        id\n        code\n        name\n        price\n        pricingStrategy\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetCatalogOptions($search: String) {\n    catalogItems(search: $search, pageSize: 50) {\n      items {\n        id\n        code\n        name\n        price\n        pricingStrategy\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBudget($input: CreateBudgetInput!) {\n    createBudget(input: $input) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBudget($input: CreateBudgetInput!) {\n    createBudget(input: $input) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendBudget($id: ID!) {\n    sendBudget(id: $id) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendBudget($id: ID!) {\n    sendBudget(id: $id) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptBudget($id: ID!, $acceptedVia: String) {\n    acceptBudget(id: $id, acceptedVia: $acceptedVia) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptBudget($id: ID!, $acceptedVia: String) {\n    acceptBudget(id: $id, acceptedVia: $acceptedVia) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectBudget($id: ID!, $reason: String, $note: String) {\n    rejectBudget(id: $id, reason: $reason, note: $note) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation RejectBudget($id: ID!, $reason: String, $note: String) {\n    rejectBudget(id: $id, reason: $reason, note: $note) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelBudget($id: ID!, $reason: String) {\n    cancelBudget(id: $id, reason: $reason) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelBudget($id: ID!, $reason: String) {\n    cancelBudget(id: $id, reason: $reason) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DuplicateBudget($id: ID!) {\n    duplicateBudget(id: $id) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation DuplicateBudget($id: ID!) {\n    duplicateBudget(id: $id) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenegotiateBudget($id: ID!, $reason: String) {\n    renegotiateBudget(id: $id, reason: $reason) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation RenegotiateBudget($id: ID!, $reason: String) {\n    renegotiateBudget(id: $id, reason: $reason) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddBudgetItem($budgetId: ID!, $input: BudgetItemInput!) {\n    addBudgetItem(budgetId: $budgetId, input: $input) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddBudgetItem($budgetId: ID!, $input: BudgetItemInput!) {\n    addBudgetItem(budgetId: $budgetId, input: $input) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveBudgetItem($id: ID!) {\n    removeBudgetItem(id: $id) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveBudgetItem($id: ID!) {\n    removeBudgetItem(id: $id) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingBudgets($pageSize: Int) {\n    budgets(status: [SENT], pageSize: $pageSize) {\n      items {\n        id\n        number\n        total\n        validUntil\n        patient {\n          id\n          fullName\n        }\n      }\n      total\n    }\n  }\n"): (typeof documents)["\n  query PendingBudgets($pageSize: Int) {\n    budgets(status: [SENT], pageSize: $pageSize) {\n      items {\n        id\n        number\n        total\n        validUntil\n        patient {\n          id\n          fullName\n        }\n      }\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetSearch($search: String!) {\n    budgets(search: $search, pageSize: 5) {\n      items {\n        id\n        number\n        version\n        status\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetSearch($search: String!) {\n    budgets(search: $search, pageSize: 5) {\n      items {\n        id\n        number\n        version\n        status\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogItems($search: String, $active: Boolean, $page: Int, $pageSize: Int) {\n    catalogItems(search: $search, active: $active, page: $page, pageSize: $pageSize) {\n      items {\n        id\n        code\n        name\n        pricingStrategy\n        price\n        isActive\n        category {\n          name\n        }\n        vatType {\n          name\n          rate\n        }\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"): (typeof documents)["\n  query CatalogItems($search: String, $active: Boolean, $page: Int, $pageSize: Int) {\n    catalogItems(search: $search, active: $active, page: $page, pageSize: $pageSize) {\n      items {\n        id\n        code\n        name\n        pricingStrategy\n        price\n        isActive\n        category {\n          name\n        }\n        vatType {\n          name\n          rate\n        }\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QuoteTreatment($input: QuoteTreatmentInput!) {\n    quoteTreatment(input: $input) {\n      net\n      vatRate\n      vatAmount\n      gross\n      units\n    }\n  }\n"): (typeof documents)["\n  query QuoteTreatment($input: QuoteTreatmentInput!) {\n    quoteTreatment(input: $input) {\n      net\n      vatRate\n      vatAmount\n      gross\n      units\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClinicalNoteFields on ClinicalNote {\n    id\n    body\n    ownerType\n    ownerId\n    toothNumber\n    createdAt\n    canDelete\n    author {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  fragment ClinicalNoteFields on ClinicalNote {\n    id\n    body\n    ownerType\n    ownerId\n    toothNumber\n    createdAt\n    canDelete\n    author {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClinicalNotes($patientId: ID!, $ownerType: NoteOwnerType, $ownerId: ID) {\n    clinicalNotes(patientId: $patientId, ownerType: $ownerType, ownerId: $ownerId) {\n      ...ClinicalNoteFields\n    }\n  }\n"): (typeof documents)["\n  query ClinicalNotes($patientId: ID!, $ownerType: NoteOwnerType, $ownerId: ID) {\n    clinicalNotes(patientId: $patientId, ownerType: $ownerType, ownerId: $ownerId) {\n      ...ClinicalNoteFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NoteTemplates {\n    noteTemplates {\n      id\n      name\n      body\n    }\n  }\n"): (typeof documents)["\n  query NoteTemplates {\n    noteTemplates {\n      id\n      name\n      body\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClinicalNote($input: CreateClinicalNoteInput!) {\n    createClinicalNote(input: $input) {\n      ...ClinicalNoteFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateClinicalNote($input: CreateClinicalNoteInput!) {\n    createClinicalNote(input: $input) {\n      ...ClinicalNoteFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteClinicalNote($id: ID!) {\n    deleteClinicalNote(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteClinicalNote($id: ID!) {\n    deleteClinicalNote(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientDocuments($patientId: ID!) {\n    documents(patientId: $patientId) {\n      id\n      title\n      documentType\n      kind\n      mimeType\n      sizeBytes\n      createdAt\n      downloadUrl\n      tags\n      pairedDocument {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientDocuments($patientId: ID!) {\n    documents(patientId: $patientId) {\n      id\n      title\n      documentType\n      kind\n      mimeType\n      sizeBytes\n      createdAt\n      downloadUrl\n      tags\n      pairedDocument {\n        id\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentUploadUrl {\n    documentUploadUrl\n  }\n"): (typeof documents)["\n  query DocumentUploadUrl {\n    documentUploadUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveDocument($id: ID!) {\n    archiveDocument(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveDocument($id: ID!) {\n    archiveDocument(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationMessages($status: [NotificationStatus!], $page: Int, $pageSize: Int) {\n    notificationMessages(status: $status, page: $page, pageSize: $pageSize) {\n      items {\n        id\n        status\n        skipReason\n        toAddress\n        templateKey\n        locale\n        subject\n        bodyText\n        attempts\n        maxAttempts\n        nextAttemptAt\n        lastError\n        triggeredByEvent\n        canRetry\n        createdAt\n        sentAt\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"): (typeof documents)["\n  query NotificationMessages($status: [NotificationStatus!], $page: Int, $pageSize: Int) {\n    notificationMessages(status: $status, page: $page, pageSize: $pageSize) {\n      items {\n        id\n        status\n        skipReason\n        toAddress\n        templateKey\n        locale\n        subject\n        bodyText\n        attempts\n        maxAttempts\n        nextAttemptAt\n        lastError\n        triggeredByEvent\n        canRetry\n        createdAt\n        sentAt\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryNotification($id: ID!) {\n    retryNotification(id: $id) {\n      id\n      status\n      attempts\n      nextAttemptAt\n      canRetry\n    }\n  }\n"): (typeof documents)["\n  mutation RetryNotification($id: ID!) {\n    retryNotification(id: $id) {\n      id\n      status\n      attempts\n      nextAttemptAt\n      canRetry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationTemplates {\n    notificationTemplates {\n      id\n      templateKey\n      locale\n      subject\n      bodyText\n      description\n      isSystem\n      isActive\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query NotificationTemplates {\n    notificationTemplates {\n      id\n      templateKey\n      locale\n      subject\n      bodyText\n      description\n      isSystem\n      isActive\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertNotificationTemplate($input: UpsertNotificationTemplateInput!) {\n    upsertNotificationTemplate(input: $input) {\n      id\n      templateKey\n      locale\n      subject\n      bodyText\n      isSystem\n      isActive\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertNotificationTemplate($input: UpsertNotificationTemplateInput!) {\n    upsertNotificationTemplate(input: $input) {\n      id\n      templateKey\n      locale\n      subject\n      bodyText\n      isSystem\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationSettings {\n    notificationSettings {\n      enabled\n      senderName\n      replyTo\n      defaultLocale\n      reminderHoursBefore\n      autoSend {\n        eventType\n        templateKey\n        enabled\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationSettings {\n    notificationSettings {\n      enabled\n      senderName\n      replyTo\n      defaultLocale\n      reminderHoursBefore\n      autoSend {\n        eventType\n        templateKey\n        enabled\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      enabled\n      senderName\n      replyTo\n      defaultLocale\n      reminderHoursBefore\n      autoSend {\n        eventType\n        templateKey\n        enabled\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      enabled\n      senderName\n      replyTo\n      defaultLocale\n      reminderHoursBefore\n      autoSend {\n        eventType\n        templateKey\n        enabled\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OdontogramTeeth($patientId: ID!, $at: Date) {\n    odontogram(patientId: $patientId, at: $at) {\n      patientId\n      at\n      teeth {\n        toothNumber\n        condition\n        deciduous\n        notes\n        surfaces {\n          surface\n          condition\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OdontogramTeeth($patientId: ID!, $at: Date) {\n    odontogram(patientId: $patientId, at: $at) {\n      patientId\n      at\n      teeth {\n        toothNumber\n        condition\n        deciduous\n        notes\n        surfaces {\n          surface\n          condition\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OdontogramTreatments($patientId: ID!, $at: Date) {\n    odontogram(patientId: $patientId, at: $at) {\n      patientId\n      treatments {\n        ...OdontogramTreatmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query OdontogramTreatments($patientId: ID!, $at: Date) {\n    odontogram(patientId: $patientId, at: $at) {\n      patientId\n      treatments {\n        ...OdontogramTreatmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OdontogramTreatmentFields on Treatment {\n    id\n    clinicalType\n    category\n    scope\n    arch\n    status\n    allowedTransitions\n    price\n    durationMinutes\n    notes\n    performedAt\n    teeth {\n      toothNumber\n      role\n      surfaces\n    }\n  }\n"): (typeof documents)["\n  fragment OdontogramTreatmentFields on Treatment {\n    id\n    clinicalType\n    category\n    scope\n    arch\n    status\n    allowedTransitions\n    price\n    durationMinutes\n    notes\n    performedAt\n    teeth {\n      toothNumber\n      role\n      surfaces\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OdontogramDays($patientId: ID!) {\n    odontogramDays(patientId: $patientId) {\n      date\n      toothChanges\n      treatments\n    }\n  }\n"): (typeof documents)["\n  query OdontogramDays($patientId: ID!) {\n    odontogramDays(patientId: $patientId) {\n      date\n      toothChanges\n      treatments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OdontogramCatalogItems {\n    catalogItems(pageSize: 100) {\n      items {\n        id\n        code\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query OdontogramCatalogItems {\n    catalogItems(pageSize: 100) {\n      items {\n        id\n        code\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetToothCondition(\n    $patientId: ID!\n    $toothNumber: Int!\n    $condition: ToothCondition\n    $surfaces: [SurfaceConditionInput!]\n  ) {\n    setToothCondition(patientId: $patientId, toothNumber: $toothNumber, condition: $condition, surfaces: $surfaces) {\n      toothNumber\n      condition\n    }\n  }\n"): (typeof documents)["\n  mutation SetToothCondition(\n    $patientId: ID!\n    $toothNumber: Int!\n    $condition: ToothCondition\n    $surfaces: [SurfaceConditionInput!]\n  ) {\n    setToothCondition(patientId: $patientId, toothNumber: $toothNumber, condition: $condition, surfaces: $surfaces) {\n      toothNumber\n      condition\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddTreatment($input: AddTreatmentInput!) {\n    addTreatment(input: $input) {\n      ...OdontogramTreatmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddTreatment($input: AddTreatmentInput!) {\n    addTreatment(input: $input) {\n      ...OdontogramTreatmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PerformTreatment($id: ID!) {\n    performTreatment(id: $id) {\n      ...OdontogramTreatmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation PerformTreatment($id: ID!) {\n    performTreatment(id: $id) {\n      ...OdontogramTreatmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTreatment($id: ID!) {\n    deleteTreatment(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteTreatment($id: ID!) {\n    deleteTreatment(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ToothHistory($patientId: ID!, $toothNumber: Int!) {\n    toothHistory(patientId: $patientId, toothNumber: $toothNumber) {\n      changeType\n      surface\n      oldCondition\n      newCondition\n      changedAt\n    }\n  }\n"): (typeof documents)["\n  query ToothHistory($patientId: ID!, $toothNumber: Int!) {\n    toothHistory(patientId: $patientId, toothNumber: $toothNumber) {\n      changeType\n      surface\n      oldCondition\n      newCondition\n      changedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientFamily($patientId: ID!) {\n    patientRelationships(patientId: $patientId) {\n      id\n      type\n      notes\n      relatedPatient {\n        id\n        fullName\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientFamily($patientId: ID!) {\n    patientRelationships(patientId: $patientId) {\n      id\n      type\n      notes\n      relatedPatient {\n        id\n        fullName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FamilyPatientPicker($search: String) {\n    patients(search: $search, page: 1, pageSize: 10) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n"): (typeof documents)["\n  query FamilyPatientPicker($search: String) {\n    patients(search: $search, page: 1, pageSize: 10) {\n      items {\n        id\n        fullName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPatientRelationship($input: AddPatientRelationshipInput!) {\n    addPatientRelationship(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddPatientRelationship($input: AddPatientRelationshipInput!) {\n    addPatientRelationship(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePatientRelationship($id: ID!, $input: UpdatePatientRelationshipInput!) {\n    updatePatientRelationship(id: $id, input: $input) {\n      id\n      type\n      notes\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePatientRelationship($id: ID!, $input: UpdatePatientRelationshipInput!) {\n    updatePatientRelationship(id: $id, input: $input) {\n      id\n      type\n      notes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePatientRelationship($id: ID!) {\n    removePatientRelationship(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemovePatientRelationship($id: ID!) {\n    removePatientRelationship(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientTimeline($patientId: ID!, $category: TimelineCategory, $page: Int, $pageSize: Int) {\n    patientTimeline(patientId: $patientId, category: $category, page: $page, pageSize: $pageSize) {\n      entries {\n        id\n        type\n        category\n        title\n        description\n        occurredAt\n        data\n      }\n      total\n      page\n      hasMore\n    }\n  }\n"): (typeof documents)["\n  query PatientTimeline($patientId: ID!, $category: TimelineCategory, $page: Int, $pageSize: Int) {\n    patientTimeline(patientId: $patientId, category: $category, page: $page, pageSize: $pageSize) {\n      entries {\n        id\n        type\n        category\n        title\n        description\n        occurredAt\n        data\n      }\n      total\n      page\n      hasMore\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientFields on Patient {\n    id\n    firstName\n    lastName\n    fullName\n    phone\n    email\n    dateOfBirth\n    notes\n    status\n    doNotContact\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment PatientFields on Patient {\n    id\n    firstName\n    lastName\n    fullName\n    phone\n    email\n    dateOfBirth\n    notes\n    status\n    doNotContact\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Patients($search: String, $page: Int, $pageSize: Int, $includeArchived: Boolean) {\n    patients(search: $search, page: $page, pageSize: $pageSize, includeArchived: $includeArchived) {\n      items {\n        ...PatientFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"): (typeof documents)["\n  query Patients($search: String, $page: Int, $pageSize: Int, $includeArchived: Boolean) {\n    patients(search: $search, page: $page, pageSize: $pageSize, includeArchived: $includeArchived) {\n      items {\n        ...PatientFields\n      }\n      total\n      page\n      pageSize\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Patient($id: ID!) {\n    patient(id: $id) {\n      ...PatientFields\n    }\n  }\n"): (typeof documents)["\n  query Patient($id: ID!) {\n    patient(id: $id) {\n      ...PatientFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientCount {\n    patients(page: 1, pageSize: 1) {\n      total\n    }\n  }\n"): (typeof documents)["\n  query PatientCount {\n    patients(page: 1, pageSize: 1) {\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePatient($input: CreatePatientInput!) {\n    createPatient(input: $input) {\n      ...PatientFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePatient($input: CreatePatientInput!) {\n    createPatient(input: $input) {\n      ...PatientFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      ...PatientFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      ...PatientFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchivePatient($id: ID!) {\n    archivePatient(id: $id) {\n      ...PatientFields\n    }\n  }\n"): (typeof documents)["\n  mutation ArchivePatient($id: ID!) {\n    archivePatient(id: $id) {\n      ...PatientFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientSearch($search: String!) {\n    patients(search: $search, pageSize: 5) {\n      items {\n        id\n        fullName\n        phone\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientSearch($search: String!) {\n    patients(search: $search, pageSize: 5) {\n      items {\n        id\n        fullName\n        phone\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientMedicalAlerts($id: ID!) {\n    patient(id: $id) {\n      id\n      medicalAlerts {\n        code\n        severity\n        message\n        generic\n        subject\n        detail\n        pregnancyWeek\n        controlled\n        inrValue\n        inrDate\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientMedicalAlerts($id: ID!) {\n    patient(id: $id) {\n      id\n      medicalAlerts {\n        code\n        severity\n        message\n        generic\n        subject\n        detail\n        pregnancyWeek\n        controlled\n        inrValue\n        inrDate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MedicalHistory($patientId: ID!) {\n    medicalContext(patientId: $patientId) {\n      patientId\n      isPregnant\n      pregnancyWeek\n      isLactating\n      isSmoker\n      smokingFrequency\n      alcoholConsumption\n      bruxism\n      anesthesiaAdverseReaction\n      anesthesiaReactionDetails\n      notes\n      updatedAt\n      allergies {\n        id\n        substance\n        type\n        severity\n        reaction\n        notes\n        updatedAt\n      }\n      medications {\n        id\n        name\n        dosage\n        frequency\n        startDate\n        isAnticoagulant\n        inrValue\n        inrDate\n        notes\n        updatedAt\n      }\n      systemicDiseases {\n        id\n        name\n        diagnosisDate\n        isControlled\n        isCritical\n        notes\n        updatedAt\n      }\n      surgicalHistory {\n        id\n        procedure\n        surgeryDate\n        complications\n        notes\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query MedicalHistory($patientId: ID!) {\n    medicalContext(patientId: $patientId) {\n      patientId\n      isPregnant\n      pregnancyWeek\n      isLactating\n      isSmoker\n      smokingFrequency\n      alcoholConsumption\n      bruxism\n      anesthesiaAdverseReaction\n      anesthesiaReactionDetails\n      notes\n      updatedAt\n      allergies {\n        id\n        substance\n        type\n        severity\n        reaction\n        notes\n        updatedAt\n      }\n      medications {\n        id\n        name\n        dosage\n        frequency\n        startDate\n        isAnticoagulant\n        inrValue\n        inrDate\n        notes\n        updatedAt\n      }\n      systemicDiseases {\n        id\n        name\n        diagnosisDate\n        isControlled\n        isCritical\n        notes\n        updatedAt\n      }\n      surgicalHistory {\n        id\n        procedure\n        surgeryDate\n        complications\n        notes\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MedicalHistoryAudit($patientId: ID!) {\n    medicalHistoryAudit(patientId: $patientId, limit: 100) {\n      id\n      section\n      action\n      summary\n      subject\n      subjectSeverity\n      changedFields\n      reason\n      changedAt\n      changedByUser {\n        id\n        fullName\n      }\n    }\n  }\n"): (typeof documents)["\n  query MedicalHistoryAudit($patientId: ID!) {\n    medicalHistoryAudit(patientId: $patientId, limit: 100) {\n      id\n      section\n      action\n      summary\n      subject\n      subjectSeverity\n      changedFields\n      reason\n      changedAt\n      changedByUser {\n        id\n        fullName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMedicalContext($patientId: ID!, $input: MedicalContextInput!) {\n    updateMedicalContext(patientId: $patientId, input: $input) {\n      patientId\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMedicalContext($patientId: ID!, $input: MedicalContextInput!) {\n    updateMedicalContext(patientId: $patientId, input: $input) {\n      patientId\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAllergy($patientId: ID!, $input: AllergyInput!) {\n    addAllergy(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddAllergy($patientId: ID!, $input: AllergyInput!) {\n    addAllergy(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAllergy($id: ID!, $input: AllergyUpdateInput!) {\n    updateAllergy(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAllergy($id: ID!, $input: AllergyUpdateInput!) {\n    updateAllergy(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAllergy($id: ID!, $reason: String!) {\n    removeAllergy(id: $id, reason: $reason) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveAllergy($id: ID!, $reason: String!) {\n    removeAllergy(id: $id, reason: $reason) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddMedication($patientId: ID!, $input: MedicationInput!) {\n    addMedication(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddMedication($patientId: ID!, $input: MedicationInput!) {\n    addMedication(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMedication($id: ID!, $input: MedicationUpdateInput!) {\n    updateMedication(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMedication($id: ID!, $input: MedicationUpdateInput!) {\n    updateMedication(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMedication($id: ID!, $reason: String!) {\n    removeMedication(id: $id, reason: $reason) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveMedication($id: ID!, $reason: String!) {\n    removeMedication(id: $id, reason: $reason) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddSystemicDisease($patientId: ID!, $input: SystemicDiseaseInput!) {\n    addSystemicDisease(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddSystemicDisease($patientId: ID!, $input: SystemicDiseaseInput!) {\n    addSystemicDisease(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSystemicDisease($id: ID!, $input: SystemicDiseaseUpdateInput!) {\n    updateSystemicDisease(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSystemicDisease($id: ID!, $input: SystemicDiseaseUpdateInput!) {\n    updateSystemicDisease(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveSystemicDisease($id: ID!, $reason: String!) {\n    removeSystemicDisease(id: $id, reason: $reason) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveSystemicDisease($id: ID!, $reason: String!) {\n    removeSystemicDisease(id: $id, reason: $reason) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddSurgicalProcedure($patientId: ID!, $input: SurgicalProcedureInput!) {\n    addSurgicalProcedure(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddSurgicalProcedure($patientId: ID!, $input: SurgicalProcedureInput!) {\n    addSurgicalProcedure(patientId: $patientId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSurgicalProcedure($id: ID!, $input: SurgicalProcedureUpdateInput!) {\n    updateSurgicalProcedure(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSurgicalProcedure($id: ID!, $input: SurgicalProcedureUpdateInput!) {\n    updateSurgicalProcedure(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveSurgicalProcedure($id: ID!, $reason: String!) {\n    removeSurgicalProcedure(id: $id, reason: $reason) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveSurgicalProcedure($id: ID!, $reason: String!) {\n    removeSurgicalProcedure(id: $id, reason: $reason) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MedicalAlertsToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {\n    appointments(from: $from, to: $to, status: $status) {\n      id\n      startTime\n      patient {\n        id\n        fullName\n        medicalAlerts {\n          code\n          severity\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MedicalAlertsToday($from: DateTime!, $to: DateTime!, $status: [AppointmentStatus!]) {\n    appointments(from: $from, to: $to, status: $status) {\n      id\n      startTime\n      patient {\n        id\n        fullName\n        medicalAlerts {\n          code\n          severity\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentFields on Payment {\n    id\n    amount\n    currency\n    method\n    paymentDate\n    reference\n    origin\n    refunded\n    refundable\n    createdAt\n    allocations {\n      id\n      target\n      targetId\n      amount\n      refunded\n    }\n  }\n"): (typeof documents)["\n  fragment PaymentFields on Payment {\n    id\n    amount\n    currency\n    method\n    paymentDate\n    reference\n    origin\n    refunded\n    refundable\n    createdAt\n    allocations {\n      id\n      target\n      targetId\n      amount\n      refunded\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientAccount($patientId: ID!) {\n    patientAccount(patientId: $patientId) {\n      patientId\n      currency\n      earned\n      paid\n      refunded\n      balance\n      credit\n      receivable\n      onAccount\n      pendingCharges {\n        earnedEntryId\n        description\n        performedAt\n        amount\n        outstanding\n        ageDays\n      }\n      ledger {\n        id\n        kind\n        occurredAt\n        description\n        amount\n        method\n      }\n    }\n    patient(id: $patientId) {\n      id\n      payments {\n        ...PaymentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientAccount($patientId: ID!) {\n    patientAccount(patientId: $patientId) {\n      patientId\n      currency\n      earned\n      paid\n      refunded\n      balance\n      credit\n      receivable\n      onAccount\n      pendingCharges {\n        earnedEntryId\n        description\n        performedAt\n        amount\n        outstanding\n        ageDays\n      }\n      ledger {\n        id\n        kind\n        occurredAt\n        description\n        amount\n        method\n      }\n    }\n    patient(id: $patientId) {\n      id\n      payments {\n        ...PaymentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaymentTargets($patientId: ID!) {\n    invoices(patientId: $patientId, status: [ISSUED, PARTIAL], pageSize: 100) {\n      items {\n        id\n        number\n        balance\n      }\n    }\n    budgets(patientId: $patientId, status: [SENT, ACCEPTED], pageSize: 100) {\n      items {\n        id\n        number\n        total\n      }\n    }\n  }\n"): (typeof documents)["\n  query PaymentTargets($patientId: ID!) {\n    invoices(patientId: $patientId, status: [ISSUED, PARTIAL], pageSize: 100) {\n      items {\n        id\n        number\n        balance\n      }\n    }\n    budgets(patientId: $patientId, status: [SENT, ACCEPTED], pageSize: 100) {\n      items {\n        id\n        number\n        total\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      ...PaymentFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      ...PaymentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefundPayment($paymentId: ID!, $amount: Decimal!, $reasonCode: RefundReason!, $reasonNote: String) {\n    refundPayment(paymentId: $paymentId, amount: $amount, reasonCode: $reasonCode, reasonNote: $reasonNote) {\n      id\n      amount\n      payment {\n        id\n        refunded\n        refundable\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RefundPayment($paymentId: ID!, $amount: Decimal!, $reasonCode: RefundReason!, $reasonNote: String) {\n    refundPayment(paymentId: $paymentId, amount: $amount, reasonCode: $reasonCode, reasonNote: $reasonNote) {\n      id\n      amount\n      payment {\n        id\n        refunded\n        refundable\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaymentsList($filter: PaymentsFilter, $page: Int, $pageSize: Int) {\n    payments(filter: $filter, page: $page, pageSize: $pageSize) {\n      total\n      page\n      pageSize\n      items {\n        ...PaymentFields\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PaymentsList($filter: PaymentsFilter, $page: Int, $pageSize: Int) {\n    payments(filter: $filter, page: $page, pageSize: $pageSize) {\n      total\n      page\n      pageSize\n      items {\n        ...PaymentFields\n        patient {\n          id\n          fullName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaymentReports($from: Date!, $to: Date!) {\n    paymentsSummary(from: $from, to: $to) {\n      currency\n      collected\n      refunded\n      net\n      earned\n      paymentCount\n      refundCount\n      byMethod {\n        method\n        count\n        collected\n        refunded\n      }\n      byMonth {\n        month\n        collected\n        refunded\n        earned\n      }\n    }\n    receivablesAging {\n      currency\n      total\n      buckets {\n        label\n        amount\n        patientCount\n      }\n      patients {\n        patient {\n          id\n          fullName\n        }\n        receivable\n        oldestDays\n        bucket\n      }\n    }\n  }\n"): (typeof documents)["\n  query PaymentReports($from: Date!, $to: Date!) {\n    paymentsSummary(from: $from, to: $to) {\n      currency\n      collected\n      refunded\n      net\n      earned\n      paymentCount\n      refundCount\n      byMethod {\n        method\n        count\n        collected\n        refunded\n      }\n      byMonth {\n        month\n        collected\n        refunded\n        earned\n      }\n    }\n    receivablesAging {\n      currency\n      total\n      buckets {\n        label\n        amount\n        patientCount\n      }\n      patients {\n        patient {\n          id\n          fullName\n        }\n        receivable\n        oldestDays\n        bucket\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PeriodontalExamFields on PeriodontalExam {\n    id\n    status\n    createdAt\n    closedAt\n    sites {\n      toothNumber\n      site\n      probingDepth\n      recession\n      bleeding\n      plaque\n      suppuration\n    }\n    indices {\n      sitesExamined\n      bleedingPercent\n      plaquePercent\n      meanProbingDepth\n      meanAttachmentLoss\n      pocketsOver5mm\n    }\n  }\n"): (typeof documents)["\n  fragment PeriodontalExamFields on PeriodontalExam {\n    id\n    status\n    createdAt\n    closedAt\n    sites {\n      toothNumber\n      site\n      probingDepth\n      recession\n      bleeding\n      plaque\n      suppuration\n    }\n    indices {\n      sitesExamined\n      bleedingPercent\n      plaquePercent\n      meanProbingDepth\n      meanAttachmentLoss\n      pocketsOver5mm\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientPeriodontalExams($patientId: ID!) {\n    periodontalExams(patientId: $patientId) {\n      ...PeriodontalExamFields\n    }\n  }\n"): (typeof documents)["\n  query PatientPeriodontalExams($patientId: ID!) {\n    periodontalExams(patientId: $patientId) {\n      ...PeriodontalExamFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartPeriodontalExam($patientId: ID!) {\n    startPeriodontalExam(patientId: $patientId) {\n      ...PeriodontalExamFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartPeriodontalExam($patientId: ID!) {\n    startPeriodontalExam(patientId: $patientId) {\n      ...PeriodontalExamFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPeriodontalSites($examId: ID!, $sites: [PeriodontalSiteInput!]!) {\n    recordPeriodontalSites(examId: $examId, sites: $sites) {\n      ...PeriodontalExamFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecordPeriodontalSites($examId: ID!, $sites: [PeriodontalSiteInput!]!) {\n    recordPeriodontalSites(examId: $examId, sites: $sites) {\n      ...PeriodontalExamFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClosePeriodontalExam($id: ID!) {\n    closePeriodontalExam(id: $id) {\n      ...PeriodontalExamFields\n    }\n  }\n"): (typeof documents)["\n  mutation ClosePeriodontalExam($id: ID!) {\n    closePeriodontalExam(id: $id) {\n      ...PeriodontalExamFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComparePeriodontalExams($baseId: ID!, $otherId: ID!) {\n    comparePeriodontalExams(baseId: $baseId, otherId: $otherId) {\n      sites {\n        toothNumber\n        site\n        probingDepthDelta\n        attachmentLossDelta\n        bleedingBefore\n        bleedingAfter\n      }\n    }\n  }\n"): (typeof documents)["\n  query ComparePeriodontalExams($baseId: ID!, $otherId: ID!) {\n    comparePeriodontalExams(baseId: $baseId, otherId: $otherId) {\n      sites {\n        toothNumber\n        site\n        probingDepthDelta\n        attachmentLossDelta\n        bleedingBefore\n        bleedingAfter\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecallFields on Recall {\n    id\n    status\n    reason\n    reasonNote\n    priority\n    dueMonth\n    dueDate\n    overdue\n    contactAttemptCount\n    lastContactAttemptAt\n    linkedAppointmentId\n    allowedTransitions\n  }\n"): (typeof documents)["\n  fragment RecallFields on Recall {\n    id\n    status\n    reason\n    reasonNote\n    priority\n    dueMonth\n    dueDate\n    overdue\n    contactAttemptCount\n    lastContactAttemptAt\n    linkedAppointmentId\n    allowedTransitions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Recalls($status: [RecallStatus!], $dueMonth: String, $patientId: ID) {\n    recalls(status: $status, dueMonth: $dueMonth, patientId: $patientId) {\n      ...RecallFields\n      patient {\n        id\n        fullName\n        phone\n        doNotContact\n      }\n    }\n  }\n"): (typeof documents)["\n  query Recalls($status: [RecallStatus!], $dueMonth: String, $patientId: ID) {\n    recalls(status: $status, dueMonth: $dueMonth, patientId: $patientId) {\n      ...RecallFields\n      patient {\n        id\n        fullName\n        phone\n        doNotContact\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientRecalls($patientId: ID!) {\n    recalls(patientId: $patientId) {\n      ...RecallFields\n    }\n  }\n"): (typeof documents)["\n  query PatientRecalls($patientId: ID!) {\n    recalls(patientId: $patientId) {\n      ...RecallFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecallDashboard {\n    recallDashboard {\n      dueThisMonth\n      overdue\n      scheduled\n      completedThisMonth\n    }\n  }\n"): (typeof documents)["\n  query RecallDashboard {\n    recallDashboard {\n      dueThisMonth\n      overdue\n      scheduled\n      completedThisMonth\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRecall($input: CreateRecallInput!) {\n    createRecall(input: $input) {\n      ...RecallFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRecall($input: CreateRecallInput!) {\n    createRecall(input: $input) {\n      ...RecallFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogRecallContact($id: ID!, $channel: RecallContactChannel!, $outcome: RecallContactOutcome!, $note: String) {\n    logRecallContact(id: $id, channel: $channel, outcome: $outcome, note: $note) {\n      ...RecallFields\n    }\n  }\n"): (typeof documents)["\n  mutation LogRecallContact($id: ID!, $channel: RecallContactChannel!, $outcome: RecallContactOutcome!, $note: String) {\n    logRecallContact(id: $id, channel: $channel, outcome: $outcome, note: $note) {\n      ...RecallFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SnoozeRecall($id: ID!, $months: Int!) {\n    snoozeRecall(id: $id, months: $months) {\n      ...RecallFields\n    }\n  }\n"): (typeof documents)["\n  mutation SnoozeRecall($id: ID!, $months: Int!) {\n    snoozeRecall(id: $id, months: $months) {\n      ...RecallFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteRecall($id: ID!) {\n    completeRecall(id: $id) {\n      ...RecallFields\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteRecall($id: ID!) {\n    completeRecall(id: $id) {\n      ...RecallFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRecall($id: ID!) {\n    cancelRecall(id: $id) {\n      ...RecallFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelRecall($id: ID!) {\n    cancelRecall(id: $id) {\n      ...RecallFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecallSettings {\n    recallSettings {\n      intervals {\n        reason\n        months\n      }\n      reminderLeadDays\n    }\n  }\n"): (typeof documents)["\n  query RecallSettings {\n    recallSettings {\n      intervals {\n        reason\n        months\n      }\n      reminderLeadDays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRecallSettings($input: RecallSettingsInput!) {\n    updateRecallSettings(input: $input) {\n      intervals {\n        reason\n        months\n      }\n      reminderLeadDays\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRecallSettings($input: RecallSettingsInput!) {\n    updateRecallSettings(input: $input) {\n      intervals {\n        reason\n        months\n      }\n      reminderLeadDays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportsBillingReport($from: Date!, $to: Date!) {\n    billingReport(from: $from, to: $to) {\n      invoiceCount\n      invoiced\n      tax\n      creditNotes {\n        count\n        amount\n      }\n      netInvoiced\n      collected\n      outstanding\n      voidedCount\n      byPaymentMethod {\n        method\n        count\n        amount\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        invoiceCount\n        invoiced\n        collected\n      }\n      byMonth {\n        month\n        invoiced\n        credited\n        collected\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportsBillingReport($from: Date!, $to: Date!) {\n    billingReport(from: $from, to: $to) {\n      invoiceCount\n      invoiced\n      tax\n      creditNotes {\n        count\n        amount\n      }\n      netInvoiced\n      collected\n      outstanding\n      voidedCount\n      byPaymentMethod {\n        method\n        count\n        amount\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        invoiceCount\n        invoiced\n        collected\n      }\n      byMonth {\n        month\n        invoiced\n        credited\n        collected\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportsBudgetConversionReport($from: Date!, $to: Date!) {\n    budgetConversionReport(from: $from, to: $to) {\n      count\n      amount\n      sentCount\n      acceptedCount\n      acceptedAmount\n      acceptanceRate\n      averageDaysToAcceptance\n      byStatus {\n        status\n        count\n        amount\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        count\n        sentCount\n        acceptedCount\n        acceptedAmount\n        acceptanceRate\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportsBudgetConversionReport($from: Date!, $to: Date!) {\n    budgetConversionReport(from: $from, to: $to) {\n      count\n      amount\n      sentCount\n      acceptedCount\n      acceptedAmount\n      acceptanceRate\n      averageDaysToAcceptance\n      byStatus {\n        status\n        count\n        amount\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        count\n        sentCount\n        acceptedCount\n        acceptedAmount\n        acceptanceRate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportsSchedulingReport($from: Date!, $to: Date!) {\n    schedulingReport(from: $from, to: $to) {\n      appointmentCount\n      funnel {\n        byStatus {\n          status\n          count\n        }\n        completionRate\n        noShowRate\n        cancellationRate\n      }\n      waitingTime {\n        count\n        average\n        median\n        p90\n        buckets {\n          label\n          count\n        }\n      }\n      punctuality {\n        count\n        average\n        median\n        p90\n        early\n        onTime\n        late\n      }\n      durationVariance {\n        count\n        planned {\n          average\n        }\n        actual {\n          average\n        }\n        variance {\n          average\n          median\n          p90\n        }\n        overruns\n      }\n      byDayOfWeek {\n        dayOfWeek\n        appointments\n        completed\n        cancelled\n        noShows\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        appointments\n        completed\n        noShows\n        averageWaitMinutes\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportsSchedulingReport($from: Date!, $to: Date!) {\n    schedulingReport(from: $from, to: $to) {\n      appointmentCount\n      funnel {\n        byStatus {\n          status\n          count\n        }\n        completionRate\n        noShowRate\n        cancellationRate\n      }\n      waitingTime {\n        count\n        average\n        median\n        p90\n        buckets {\n          label\n          count\n        }\n      }\n      punctuality {\n        count\n        average\n        median\n        p90\n        early\n        onTime\n        late\n      }\n      durationVariance {\n        count\n        planned {\n          average\n        }\n        actual {\n          average\n        }\n        variance {\n          average\n          median\n          p90\n        }\n        overruns\n      }\n      byDayOfWeek {\n        dayOfWeek\n        appointments\n        completed\n        cancelled\n        noShows\n      }\n      byProfessional {\n        professional {\n          id\n          fullName\n        }\n        appointments\n        completed\n        noShows\n        averageWaitMinutes\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleClinicHours {\n    clinicHours {\n      weekday\n      start\n      end\n    }\n  }\n"): (typeof documents)["\n  query ScheduleClinicHours {\n    clinicHours {\n      weekday\n      start\n      end\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetClinicHours($shifts: [WeeklyShiftInput!]!) {\n    setClinicHours(shifts: $shifts) {\n      weekday\n      start\n      end\n    }\n  }\n"): (typeof documents)["\n  mutation SetClinicHours($shifts: [WeeklyShiftInput!]!) {\n    setClinicHours(shifts: $shifts) {\n      weekday\n      start\n      end\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleProfessionalHours($userId: ID!) {\n    professionalHours(userId: $userId) {\n      weekday\n      start\n      end\n    }\n  }\n"): (typeof documents)["\n  query ScheduleProfessionalHours($userId: ID!) {\n    professionalHours(userId: $userId) {\n      weekday\n      start\n      end\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetProfessionalHours($userId: ID!, $shifts: [WeeklyShiftInput!]!) {\n    setProfessionalHours(userId: $userId, shifts: $shifts) {\n      weekday\n      start\n      end\n    }\n  }\n"): (typeof documents)["\n  mutation SetProfessionalHours($userId: ID!, $shifts: [WeeklyShiftInput!]!) {\n    setProfessionalHours(userId: $userId, shifts: $shifts) {\n      weekday\n      start\n      end\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleProfessionals {\n    professionals {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  query ScheduleProfessionals {\n    professionals {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScheduleOverrideFields on ScheduleOverride {\n    id\n    scope\n    userId\n    kind\n    startDate\n    endDate\n    reason\n    shifts {\n      start\n      end\n    }\n  }\n"): (typeof documents)["\n  fragment ScheduleOverrideFields on ScheduleOverride {\n    id\n    scope\n    userId\n    kind\n    startDate\n    endDate\n    reason\n    shifts {\n      start\n      end\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleOverrides($userId: ID, $from: Date) {\n    scheduleOverrides(userId: $userId, from: $from) {\n      ...ScheduleOverrideFields\n    }\n  }\n"): (typeof documents)["\n  query ScheduleOverrides($userId: ID, $from: Date) {\n    scheduleOverrides(userId: $userId, from: $from) {\n      ...ScheduleOverrideFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddScheduleOverride($input: AddScheduleOverrideInput!) {\n    addScheduleOverride(input: $input) {\n      ...ScheduleOverrideFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddScheduleOverride($input: AddScheduleOverrideInput!) {\n    addScheduleOverride(input: $input) {\n      ...ScheduleOverrideFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveScheduleOverride($id: ID!) {\n    removeScheduleOverride(id: $id) {\n      id\n      removedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveScheduleOverride($id: ID!) {\n    removeScheduleOverride(id: $id) {\n      id\n      removedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleFreeSlots($professionalId: ID!, $durationMinutes: Int!, $from: DateTime, $limit: Int) {\n    findFreeSlots(professionalId: $professionalId, durationMinutes: $durationMinutes, from: $from, limit: $limit) {\n      start\n      end\n      freeUntil\n    }\n  }\n"): (typeof documents)["\n  query ScheduleFreeSlots($professionalId: ID!, $durationMinutes: Int!, $from: DateTime, $limit: Int) {\n    findFreeSlots(professionalId: $professionalId, durationMinutes: $durationMinutes, from: $from, limit: $limit) {\n      start\n      end\n      freeUntil\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleSettings {\n    scheduleSettings {\n      refuseBookingsOutsideHours\n    }\n  }\n"): (typeof documents)["\n  query ScheduleSettings {\n    scheduleSettings {\n      refuseBookingsOutsideHours\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateScheduleSettings($refuseBookingsOutsideHours: Boolean!) {\n    updateScheduleSettings(refuseBookingsOutsideHours: $refuseBookingsOutsideHours) {\n      refuseBookingsOutsideHours\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateScheduleSettings($refuseBookingsOutsideHours: Boolean!) {\n    updateScheduleSettings(refuseBookingsOutsideHours: $refuseBookingsOutsideHours) {\n      refuseBookingsOutsideHours\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TreatmentPlanFields on TreatmentPlan {\n    id\n    number\n    title\n    status\n    allowedTransitions\n    closureReason\n    closureNote\n    createdAt\n    budget {\n      id\n    }\n    items {\n      id\n      status\n      sequence\n      treatment {\n        id\n      }\n      sessions {\n        id\n        sequence\n        status\n        appointmentId\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment TreatmentPlanFields on TreatmentPlan {\n    id\n    number\n    title\n    status\n    allowedTransitions\n    closureReason\n    closureNote\n    createdAt\n    budget {\n      id\n    }\n    items {\n      id\n      status\n      sequence\n      treatment {\n        id\n      }\n      sessions {\n        id\n        sequence\n        status\n        appointmentId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TreatmentPlans($patientId: ID, $status: [TreatmentPlanStatus!]) {\n    treatmentPlans(patientId: $patientId, status: $status) {\n      ...TreatmentPlanFields\n      patient {\n        id\n        fullName\n      }\n    }\n  }\n"): (typeof documents)["\n  query TreatmentPlans($patientId: ID, $status: [TreatmentPlanStatus!]) {\n    treatmentPlans(patientId: $patientId, status: $status) {\n      ...TreatmentPlanFields\n      patient {\n        id\n        fullName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TreatmentPlan($id: ID!) {\n    treatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n      editable\n      bookable\n      confirmedAt\n      closedAt\n      patient {\n        id\n        fullName\n      }\n    }\n  }\n"): (typeof documents)["\n  query TreatmentPlan($id: ID!) {\n    treatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n      editable\n      bookable\n      confirmedAt\n      closedAt\n      patient {\n        id\n        fullName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTreatmentPlan($id: ID!) {\n    confirmTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmTreatmentPlan($id: ID!) {\n    confirmTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseTreatmentPlan($id: ID!, $reason: PlanClosureReason!, $note: String) {\n    closeTreatmentPlan(id: $id, reason: $reason, note: $note) {\n      ...TreatmentPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation CloseTreatmentPlan($id: ID!, $reason: PlanClosureReason!, $note: String) {\n    closeTreatmentPlan(id: $id, reason: $reason, note: $note) {\n      ...TreatmentPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactivateTreatmentPlan($id: ID!) {\n    reactivateTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReactivateTreatmentPlan($id: ID!) {\n    reactivateTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompletePlanItem($id: ID!) {\n    completePlanItem(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation CompletePlanItem($id: ID!) {\n    completePlanItem(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlannedTreatments($patientId: ID!) {\n    odontogram(patientId: $patientId) {\n      patientId\n      treatments(status: [PLANNED]) {\n        id\n        clinicalType\n        scope\n        teeth {\n          toothNumber\n        }\n        price\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlannedTreatments($patientId: ID!) {\n    odontogram(patientId: $patientId) {\n      patientId\n      treatments(status: [PLANNED]) {\n        id\n        clinicalType\n        scope\n        teeth {\n          toothNumber\n        }\n        price\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTreatmentPlan($input: CreateTreatmentPlanInput!) {\n    createTreatmentPlan(input: $input) {\n      ...TreatmentPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTreatmentPlan($input: CreateTreatmentPlanInput!) {\n    createTreatmentPlan(input: $input) {\n      ...TreatmentPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveTreatmentPlan($id: ID!) {\n    archiveTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveTreatmentPlan($id: ID!) {\n    archiveTreatmentPlan(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompletePlanSession($id: ID!) {\n    completePlanSession(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation CompletePlanSession($id: ID!) {\n    completePlanSession(id: $id) {\n      ...TreatmentPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPlanItem($planId: ID!, $treatmentId: ID!) {\n    addPlanItem(planId: $planId, treatmentId: $treatmentId) {\n      ...TreatmentPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddPlanItem($planId: ID!, $treatmentId: ID!) {\n    addPlanItem(planId: $planId, treatmentId: $treatmentId) {\n      ...TreatmentPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkPlanSession($sessionId: ID!, $appointmentId: ID) {\n    linkPlanSessionAppointment(sessionId: $sessionId, appointmentId: $appointmentId) {\n      ...TreatmentPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation LinkPlanSession($sessionId: ID!, $appointmentId: ID) {\n    linkPlanSessionAppointment(sessionId: $sessionId, appointmentId: $appointmentId) {\n      ...TreatmentPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlanTreatmentsBooking($id: ID!) {\n    treatmentPlan(id: $id) {\n      id\n      items {\n        id\n        treatment {\n          id\n          clinicalType\n          durationMinutes\n          recordedBy {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlanTreatmentsBooking($id: ID!) {\n    treatmentPlan(id: $id) {\n      id\n      items {\n        id\n        treatment {\n          id\n          clinicalType\n          durationMinutes\n          recordedBy {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlanSessionAppointment($id: ID!) {\n    appointment(id: $id) {\n      id\n      startTime\n      status\n    }\n  }\n"): (typeof documents)["\n  query PlanSessionAppointment($id: ID!) {\n    appointment(id: $id) {\n      id\n      startTime\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClinicUsers {\n    clinicUsers {\n      id\n      email\n      fullName\n      role\n      isProfessional\n      isActive\n    }\n  }\n"): (typeof documents)["\n  query ClinicUsers {\n    clinicUsers {\n      id\n      email\n      fullName\n      role\n      isProfessional\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMembership($userId: ID!, $role: String, $isProfessional: Boolean) {\n    updateMembership(userId: $userId, role: $role, isProfessional: $isProfessional) {\n      id\n      role\n      isProfessional\n      isActive\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMembership($userId: ID!, $role: String, $isProfessional: Boolean) {\n    updateMembership(userId: $userId, role: $role, isProfessional: $isProfessional) {\n      id\n      role\n      isProfessional\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      id\n      isActive\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      id\n      isActive\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMembership($userId: ID!) {\n    removeMembership(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation RemoveMembership($userId: ID!) {\n    removeMembership(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      user {\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      user {\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Modules {\n    modules {\n      name\n      version\n      codeVersion\n      state\n      category\n      summary\n      depends\n      removable\n      nonRemovableReason\n      autoInstall\n      installedAt\n      upgradeAvailable\n      error\n      errorDetails\n    }\n  }\n"): (typeof documents)["\n  query Modules {\n    modules {\n      name\n      version\n      codeVersion\n      state\n      category\n      summary\n      depends\n      removable\n      nonRemovableReason\n      autoInstall\n      installedAt\n      upgradeAvailable\n      error\n      errorDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModuleOperations($name: String!, $limit: Int) {\n    moduleOperations(name: $name, limit: $limit) {\n      id\n      runId\n      operation\n      step\n      status\n      details\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query ModuleOperations($name: String!, $limit: Int) {\n    moduleOperations(name: $name, limit: $limit) {\n      id\n      runId\n      operation\n      step\n      status\n      details\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModuleDoctor {\n    moduleDoctor {\n      ok\n      orphans\n      missingDependencies {\n        module\n        missing\n      }\n      manifestErrors {\n        module\n        code\n        error\n      }\n      erroredModules {\n        module\n        error\n      }\n      upgradesAvailable {\n        module\n        installed\n        available\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModuleDoctor {\n    moduleDoctor {\n      ok\n      orphans\n      missingDependencies {\n        module\n        missing\n      }\n      manifestErrors {\n        module\n        code\n        error\n      }\n      erroredModules {\n        module\n        error\n      }\n      upgradesAvailable {\n        module\n        installed\n        available\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstallModule($name: String!, $force: Boolean) {\n    installModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n"): (typeof documents)["\n  mutation InstallModule($name: String!, $force: Boolean) {\n    installModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpgradeModule($name: String!) {\n    upgradeModule(name: $name) {\n      scheduled\n      requiresRestart\n    }\n  }\n"): (typeof documents)["\n  mutation UpgradeModule($name: String!) {\n    upgradeModule(name: $name) {\n      scheduled\n      requiresRestart\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestartModules {\n    restartModules {\n      processed {\n        module\n        operation\n        status\n        error\n        errorDetails\n      }\n      activeModules\n      compositionErrors\n    }\n  }\n"): (typeof documents)["\n  mutation RestartModules {\n    restartModules {\n      processed {\n        module\n        operation\n        status\n        error\n        errorDetails\n      }\n      activeModules\n      compositionErrors\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UninstallModule($name: String!, $force: Boolean) {\n    uninstallModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n"): (typeof documents)["\n  mutation UninstallModule($name: String!, $force: Boolean) {\n    uninstallModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableModule($name: String!, $force: Boolean) {\n    disableModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n"): (typeof documents)["\n  mutation DisableModule($name: String!, $force: Boolean) {\n    disableModule(name: $name, force: $force) {\n      scheduled\n      requiresRestart\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableModule($name: String!) {\n    enableModule(name: $name) {\n      scheduled\n      requiresRestart\n    }\n  }\n"): (typeof documents)["\n  mutation EnableModule($name: String!) {\n    enableModule(name: $name) {\n      scheduled\n      requiresRestart\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SetupStatus {\n    setupStatus {\n      initialized\n    }\n  }\n"): (typeof documents)["\n  query SetupStatus {\n    setupStatus {\n      initialized\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      user {\n        id\n        email\n        fullName\n        isPlatformAdmin\n      }\n      clinic {\n        id\n        name\n        timezone\n        currency\n      }\n      clinics {\n        id\n        name\n        role\n      }\n      role\n      permissions\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      user {\n        id\n        email\n        fullName\n        isPlatformAdmin\n      }\n      clinic {\n        id\n        name\n        timezone\n        currency\n      }\n      clinics {\n        id\n        name\n        role\n      }\n      role\n      permissions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveModules {\n    activeModules {\n      name\n      version\n      category\n      summary\n      permissions\n      navigation {\n        label\n        to\n        icon\n        permission\n        order\n      }\n    }\n  }\n"): (typeof documents)["\n  query ActiveModules {\n    activeModules {\n      name\n      version\n      category\n      summary\n      permissions\n      navigation {\n        label\n        to\n        icon\n        permission\n        order\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Setup($input: SetupInput!) {\n    setup(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Setup($input: SetupInput!) {\n    setup(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DomainEvents($types: [String!], $after: ID) {\n    events(types: $types, after: $after) {\n      id\n      type\n      occurredAt\n      payload\n    }\n  }\n"): (typeof documents)["\n  subscription DomainEvents($types: [String!], $after: ID) {\n    events(types: $types, after: $after) {\n      id\n      type\n      occurredAt\n      payload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ActiveModulesChanged {\n    activeModulesChanged {\n      fingerprint\n      modules\n    }\n  }\n"): (typeof documents)["\n  subscription ActiveModulesChanged {\n    activeModulesChanged {\n      fingerprint\n      modules\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;