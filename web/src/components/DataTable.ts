import {
  Comment,
  defineComponent,
  Fragment,
  h,
  onBeforeUnmount,
  onMounted,
  ref,
  type PropType,
  type Slot,
  type SlotsType,
  type StyleValue,
  type VNode,
  type VNodeArrayChildren,
} from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * The app's data table: `<DataTable :value>` with `<Column field header>` children (a `#body="{ data }"` slot
 * for anything but a plain field), a `#header` line above and an `#empty` row. Pages come from the server: with
 * `paginator`, the table shows `value` as it is and emits `page` for the rows from `first`. It replaces PrimeVue's
 * DataTable, the same markup for what the app uses of it (a `<table>` scrolling inside itself on a phone), at
 * about 3 KB where that one weighed 290 KB on every list page.
 */

export interface DataTablePageEvent {
  /** Index of the page's first row. */
  first: number;
  /** Rows per page. */
  rows: number;
  /** 0-based page number. */
  page: number;
  pageCount: number;
}

// `any` as in Column's body: a handler in a template reads the row
export interface DataTableRowClickEvent<Row = any> {
  originalEvent: MouseEvent;
  data: Row;
  index: number;
}

/** What a column's `#body` slot gets: the row and its index on the page. */
export interface ColumnBodyProps<Row> {
  data: Row;
  index: number;
}

/** The column component, its `#body` slot typed for rows of type `Row` (one component at runtime, see `columnOf`). */
const defineColumn = <Row>() =>
  defineComponent({
    name: 'DataColumn',
    props: {
      /** The row's property shown when there is no `body` slot (any string for an untyped `Column`). */
      field: { type: String as unknown as PropType<Extract<keyof Row, string>>, default: undefined },
      header: { type: String, default: undefined },
    },
    slots: Object as SlotsType<{ body: ColumnBodyProps<Row> }>,
    setup: () => () => null,
  });

/**
 * A column; it renders nothing itself, the table reads its props and `body` slot. The row is typed loosely: a
 * template cannot hand the table's row type to its columns (PrimeVue types it `any` for the same reason). A
 * page that wants the row typed takes `columnOf<Row>()` instead.
 */
export const Column = defineColumn<any>();

/**
 * `Column` with its `#body` row typed, for a page that wants `data.nmae` refused by the type check:
 * `const MessageColumn = columnOf<Message>()`, then `<MessageColumn>` in the template. The same component as
 * `Column` (the table knows it), only its type differs.
 */
export const columnOf = <Row>() => Column as unknown as ReturnType<typeof defineColumn<Row>>;

interface ColumnDef {
  field?: string;
  header?: string;
  style?: StyleValue;
  body?: Slot;
}

/** The `<Column>` children of the default slot, through `v-if` (comments) and `v-for` (fragments). */
function columnsOf(nodes: VNodeArrayChildren): ColumnDef[] {
  const found: ColumnDef[] = [];
  for (const node of nodes) {
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) found.push(...columnsOf(node));
    else if ((node as VNode).type === Fragment)
      found.push(...columnsOf(((node as VNode).children ?? []) as VNodeArrayChildren));
    else if ((node as VNode).type === Column) {
      const props = ((node as VNode).props ?? {}) as Record<string, unknown>;
      const slots = ((node as VNode).children ?? {}) as Record<string, Slot | undefined>;
      found.push({
        field: props.field as string | undefined,
        header: props.header as string | undefined,
        style: props.style as StyleValue,
        body: slots.body,
      });
    } else if ((node as VNode).type !== Comment) throw new Error('DataTable takes only <Column> children');
  }
  return found;
}

export const DataTable = defineComponent({
  name: 'DataTable',
  props: {
    value: { type: Array as PropType<readonly unknown[]>, required: true },
    /** The row property that identifies a row (its key when rows change). */
    dataKey: { type: String, default: undefined },
    loading: { type: Boolean, default: false },
    /** Page links under the table: `rows` per page, `totalRecords` in all, this page from `first`. */
    paginator: { type: Boolean, default: false },
    rows: { type: Number, default: 20 },
    first: { type: Number, default: 0 },
    totalRecords: { type: Number, default: 0 },
    /** Page sizes the person may pick (none: the size is fixed). */
    rowsPerPageOptions: { type: Array as PropType<readonly number[]>, default: undefined },
    stripedRows: { type: Boolean, default: false },
    rowHover: { type: Boolean, default: false },
    size: { type: String as PropType<'small' | 'normal'>, default: 'normal' },
    /** `@row-click`: a click on a row outside its links, buttons and fields (a prop, so the table knows). */
    onRowClick: { type: Function as PropType<(event: DataTableRowClickEvent) => void>, default: undefined },
  },
  emits: { page: (event: DataTablePageEvent) => event.rows > 0 },
  slots: Object as SlotsType<{ default: void; header: void; empty: void }>,
  setup(props, { emit, slots }) {
    const { t, locale } = useI18n();
    const count = (n: number) => new Intl.NumberFormat(locale.value).format(n);
    // A table wider than its box (a phone) scrolls sideways: then the keyboard must reach it too, so the box becomes
    // a named, focusable region (arrow keys scroll it). A table that fits adds no tab stop.
    const scroller = ref<HTMLElement>();
    const scrolls = ref(false);
    const measure = () => {
      const box = scroller.value;
      scrolls.value = !!box && box.scrollWidth > box.clientWidth + 1;
    };
    let observer: ResizeObserver | undefined;
    onMounted(() => {
      measure();
      if (typeof ResizeObserver === 'undefined' || !scroller.value) return;
      observer = new ResizeObserver(measure);
      observer.observe(scroller.value);
      const table = scroller.value.querySelector('table');
      if (table) observer.observe(table);
    });
    onBeforeUnmount(() => observer?.disconnect());
    const cell = (column: ColumnDef, data: unknown, index: number) =>
      column.body
        ? column.body({ data, index })
        : String(column.field ? ((data as Record<string, unknown>)[column.field] ?? '') : '');

    const pageCountOf = (rows: number) => Math.max(1, Math.ceil(props.totalRecords / rows));
    const go = (first: number, rows = props.rows) => {
      const pageCount = pageCountOf(rows);
      const page = Math.min(Math.max(0, Math.floor(first / rows)), pageCount - 1);
      emit('page', { first: page * rows, rows, page, pageCount });
    };

    function pager() {
      const { rows, first, totalRecords } = props;
      const pageCount = pageCountOf(rows);
      const page = Math.floor(first / rows);
      const button = (label: string, icon: string, target: number, disabled: boolean, test: string) =>
        h(
          'button',
          {
            type: 'button',
            class: 'dp-pager-button',
            'aria-label': label,
            title: label,
            disabled,
            'data-test': test,
            onClick: () => go(target * rows),
          },
          h('span', { class: `pi ${icon}`, 'aria-hidden': 'true' }),
        );
      return h('nav', { class: 'dp-pager', 'aria-label': t('table.pages') }, [
        button(t('table.first'), 'pi-angle-double-left', 0, page <= 0, 'page-first'),
        button(t('table.previous'), 'pi-angle-left', page - 1, page <= 0, 'page-previous'),
        h(
          'span',
          { class: 'dp-pager-range', 'aria-live': 'polite', 'data-test': 'page-range' },
          t('table.range', {
            from: count(totalRecords ? first + 1 : 0),
            to: count(Math.min(first + rows, totalRecords)),
            total: count(totalRecords),
          }),
        ),
        button(t('table.next'), 'pi-angle-right', page + 1, page >= pageCount - 1, 'page-next'),
        button(t('table.last'), 'pi-angle-double-right', pageCount - 1, page >= pageCount - 1, 'page-last'),
        props.rowsPerPageOptions?.length
          ? h('label', { class: 'dp-pager-size' }, [
              h('span', t('table.perPage')),
              h(
                'select',
                {
                  value: rows,
                  'data-test': 'page-size',
                  onChange: (e: Event) => go(first, Number((e.target as HTMLSelectElement).value)),
                },
                props.rowsPerPageOptions.map((n) => h('option', { value: n }, String(n))),
              ),
            ])
          : null,
      ]);
    }

    return () => {
      const columns = columnsOf((slots.default?.() ?? []) as VNodeArrayChildren);
      const rows = props.value;
      const body = rows.length
        ? rows.map((data, index) =>
            h(
              'tr',
              {
                key: props.dataKey ? String((data as Record<string, unknown>)[props.dataKey]) : index,
                onClick: props.onRowClick
                  ? (originalEvent: MouseEvent) => {
                      // A link, button or field in the row does its own thing.
                      if ((originalEvent.target as Element).closest('a, button, input, select, textarea, label'))
                        return;
                      props.onRowClick?.({ originalEvent, data, index });
                    }
                  : undefined,
              },
              columns.map((column) => h('td', { style: column.style }, cell(column, data, index))),
            ),
          )
        : [
            h('tr', { class: 'dp-table-empty' }, [
              h('td', { colspan: columns.length || 1 }, props.loading ? '' : slots.empty?.()),
            ]),
          ];
      return h(
        'div',
        {
          class: [
            'dp-table',
            {
              'dp-table-small': props.size === 'small',
              'dp-table-striped': props.stripedRows,
              'dp-table-hover': props.rowHover || !!props.onRowClick,
            },
          ],
        },
        [
          slots.header ? h('div', { class: 'dp-table-header' }, slots.header()) : null,
          h(
            'div',
            {
              ref: scroller,
              class: 'dp-table-scroll table-scroll',
              ...(scrolls.value ? { tabindex: 0, role: 'region', 'aria-label': t('table.scrolls') } : {}),
            },
            [
              h('table', { 'aria-busy': props.loading ? 'true' : undefined }, [
                h(
                  'thead',
                  h(
                    'tr',
                    columns.map((column) =>
                      h(
                        'th',
                        { scope: 'col', style: column.style },
                        column.header ?? h('span', { class: 'sr-only' }, t('table.actions')),
                      ),
                    ),
                  ),
                ),
                h('tbody', body),
              ]),
              props.loading
                ? h('div', { class: 'dp-table-loading', role: 'status' }, [
                    h('span', { class: 'pi pi-spin pi-spinner', 'aria-hidden': 'true' }),
                    h('span', { class: 'sr-only' }, t('table.loading')),
                  ])
                : null,
            ],
          ),
          props.paginator ? pager() : null,
        ],
      );
    };
  },
});
