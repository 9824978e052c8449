import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mountLayer } from '../testing/index.ts';
import {
  Column,
  columnOf,
  DataTable,
  type ColumnBodyProps,
  type DataTablePageEvent,
  type DataTableRowClickEvent,
} from './DataTable.ts';

interface Row {
  id: string;
  name: string;
  phone: string | null;
}
const rows: Row[] = [
  { id: 'a', name: 'Ana', phone: '600 000 001' },
  { id: 'b', name: 'Bruno', phone: null },
];

function table(
  props: Record<string, unknown>,
  { locale = 'en', showActions = true }: { locale?: string; showActions?: boolean } = {},
) {
  const page = vi.fn<(e: DataTablePageEvent) => void>();
  const rowClick = vi.fn<(e: DataTableRowClickEvent<Row>) => void>();
  const Host = defineComponent({
    setup: () => () =>
      h(
        DataTable,
        { value: rows, dataKey: 'id', onPage: page, onRowClick: rowClick, ...props },
        {
          header: () => 'Patients',
          empty: () => 'No patients',
          default: () => [
            h(Column, { field: 'name', header: 'Name' }),
            h(Column, { field: 'phone', header: 'Phone' }),
            // As `v-if` leaves it when false: a comment node.
            showActions
              ? h(Column, null, { body: ({ data }: { data: Row }) => h('button', { 'data-test': 'edit' }, data.id) })
              : null,
          ],
        },
      ),
  });
  return { wrapper: mountLayer(Host, { locale }).wrapper, page, rowClick };
}

describe('DataTable', () => {
  it('renders the columns: headers, fields, body slots, an unnamed column named for screen readers', () => {
    const { wrapper } = table({});
    expect(wrapper.findAll('th').map((th) => th.text())).toEqual(['Name', 'Phone', 'Actions']);
    expect(wrapper.find('th .sr-only').exists()).toBe(true);
    expect(wrapper.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))).toEqual([
      ['Ana', '600 000 001', 'a'],
      ['Bruno', '', 'b'],
    ]);
    expect(wrapper.find('.dp-table-header').text()).toBe('Patients');
    expect(wrapper.find('nav').exists()).toBe(false);
  });

  it('drops a column under a false v-if and shows the empty row across the others', () => {
    const { wrapper } = table({ value: [] }, { showActions: false });
    expect(wrapper.findAll('th')).toHaveLength(2);
    const empty = wrapper.find('tbody tr.dp-table-empty td');
    expect(empty.text()).toBe('No patients');
    expect(empty.attributes('colspan')).toBe('2');
  });

  it('while loading, marks the table busy and says so to screen readers instead of "no rows"', () => {
    const { wrapper } = table({ value: [], loading: true });
    expect(wrapper.find('table').attributes('aria-busy')).toBe('true');
    expect(wrapper.find('[role=status]').text()).toBe('Loading…');
    expect(wrapper.find('tbody').text()).toBe('');
  });

  it('pages from the server: says the range, emits the page asked for, disables what leads nowhere', async () => {
    const { wrapper, page } = table({
      paginator: true,
      rows: 20,
      first: 20,
      totalRecords: 45,
      rowsPerPageOptions: [10, 20, 50],
    });
    expect(wrapper.find('[data-test=page-range]').text()).toBe('21–40 of 45');
    await wrapper.find('[data-test=page-next]').trigger('click');
    expect(page).toHaveBeenLastCalledWith({ first: 40, rows: 20, page: 2, pageCount: 3 });
    await wrapper.find('[data-test=page-first]').trigger('click');
    expect(page).toHaveBeenLastCalledWith({ first: 0, rows: 20, page: 0, pageCount: 3 });
    await wrapper.find('[data-test=page-last]').trigger('click');
    expect(page).toHaveBeenLastCalledWith({ first: 40, rows: 20, page: 2, pageCount: 3 });
    // A bigger page keeps the first row in view: rows 21–40 are on the first page of 50.
    await wrapper.find('[data-test=page-size]').setValue('50');
    expect(page).toHaveBeenLastCalledWith({ first: 0, rows: 50, page: 0, pageCount: 1 });
    expect(wrapper.find('[data-test=page-previous]').attributes('disabled')).toBeUndefined();
    expect(wrapper.find('[data-test=page-next]').attributes('disabled')).toBeUndefined();
  });

  it('on the first and last pages, the buttons that lead nowhere are disabled', () => {
    const first = table({ paginator: true, rows: 20, first: 0, totalRecords: 45 }).wrapper;
    expect(first.find('[data-test=page-previous]').attributes('disabled')).toBeDefined();
    expect(first.find('[data-test=page-first]').attributes('disabled')).toBeDefined();
    expect(first.find('[data-test=page-next]').attributes('disabled')).toBeUndefined();
    const last = table({ paginator: true, rows: 20, first: 40, totalRecords: 45 }).wrapper;
    expect(last.find('[data-test=page-next]').attributes('disabled')).toBeDefined();
    expect(last.find('[data-test=page-range]').text()).toBe('41–45 of 45');
    expect(last.find('[data-test=page-size]').exists()).toBe(false);
  });

  it('speaks Spanish, numbers included', () => {
    const { wrapper } = table({ paginator: true, rows: 20, first: 0, totalRecords: 45 }, { locale: 'es' });
    expect(wrapper.find('[data-test=page-range]').text()).toBe('1–20 de 45');
    const far = { paginator: true, rows: 20, first: 10_000, totalRecords: 12_345 };
    expect(table(far, { locale: 'es' }).wrapper.find('[data-test=page-range]').text()).toBe('10.001–10.020 de 12.345');
    expect(table(far).wrapper.find('[data-test=page-range]').text()).toBe('10,001–10,020 of 12,345');
    expect(wrapper.find('[data-test=page-next]').attributes('aria-label')).toBe('Página siguiente');
    expect(wrapper.find('th .sr-only').text()).toBe('Acciones');
  });

  it('a click on a row reports it, a click on a button in it does not', async () => {
    const { wrapper, rowClick } = table({});
    await wrapper.findAll('tbody tr')[1]!.find('td').trigger('click');
    expect(rowClick).toHaveBeenCalledTimes(1);
    expect(rowClick.mock.calls[0]![0]).toMatchObject({ data: rows[1], index: 1 });
    await wrapper.find('[data-test=edit]').trigger('click');
    expect(rowClick).toHaveBeenCalledTimes(1);
    expect(wrapper.find('.dp-table').classes()).toContain('dp-table-hover');
  });

  it('a table wider than its box becomes a named region the keyboard can reach; one that fits adds no tab stop', async () => {
    const fits = table({}).wrapper.find('.dp-table-scroll');
    expect(fits.attributes('tabindex')).toBeUndefined();
    expect(fits.attributes('role')).toBeUndefined();
    // happy-dom lays nothing out: the box reports a table wider than itself.
    const scrollWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollWidth');
    Object.defineProperty(HTMLElement.prototype, 'scrollWidth', { configurable: true, get: () => 900 });
    try {
      const { wrapper } = table({}, { locale: 'es' });
      await nextTick();
      const wide = wrapper.find('.dp-table-scroll');
      expect(wide.attributes('tabindex')).toBe('0');
      expect(wide.attributes('role')).toBe('region');
      expect(wide.attributes('aria-label')).toBe('Tabla (se desplaza a los lados)');
    } finally {
      if (scrollWidth) Object.defineProperty(HTMLElement.prototype, 'scrollWidth', scrollWidth);
      else delete (HTMLElement.prototype as { scrollWidth?: number }).scrollWidth;
    }
  });

  it('columnOf<Row>() is the same column with its row typed: the table reads it, the type check holds it to the row', () => {
    const RowColumn = columnOf<Row>();
    expect(RowColumn).toBe(Column);
    const Host = defineComponent({
      setup: () => () =>
        h(DataTable, { value: rows }, () => [
          h(RowColumn, { field: 'name', header: 'Name' }),
          h(RowColumn, { header: 'Phone' }, { body: ({ data }: ColumnBodyProps<Row>) => data.phone ?? '—' }),
        ]),
    });
    const { wrapper } = mountLayer(Host, { locale: 'en' });
    expect(wrapper.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))).toEqual([
      ['Ana', '600 000 001'],
      ['Bruno', '—'],
    ]);
    // The rest is for vue-tsc (web/tsconfig.json covers this file): an unused @ts-expect-error fails it.
    type Body = Parameters<NonNullable<InstanceType<typeof RowColumn>['$slots']['body']>>[0];
    const body: Body = { data: rows[0]!, index: 0 };
    const phone: string | null = body.data.phone;
    expect(phone).toBe('600 000 001');
    // @ts-expect-error a row has no `nmae`
    expect(body.data.nmae).toBeUndefined();
    // @ts-expect-error nor a field of that name
    expect(h(RowColumn, { field: 'nmae' }).props).toEqual({ field: 'nmae' });
    // A plain `Column` stays loose, as templates in the layers use it.
    const loose: Parameters<NonNullable<InstanceType<typeof Column>['$slots']['body']>>[0] = body;
    expect(loose.data.anything).toBeUndefined();
    expect(h(Column, { field: 'anything' }).props).toEqual({ field: 'anything' });
  });
});
