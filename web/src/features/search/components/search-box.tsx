// The search box of the header: typing shows the first results of each kind under it (a group per
// kind with its total); choosing one opens its page; Enter opens the results page (/tim-kiem?q=)
// with every group.
import { SearchOutlined } from '@ant-design/icons';
import type { SearchKind } from '@features/search/schema';
import { AutoComplete, Button, Flex, Input, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useDebouncedValue } from '../../../app/use-debounced-value';
import { useSearch } from '../hooks/use-search';
import {
  hitDetail,
  hitHref,
  NO_RESULTS,
  SEARCH_KIND_LABELS,
  SEARCH_PATH,
  searchPageHref,
} from '../labels';

/** Results shown per kind under the box. */
const BOX_LIMIT = 4;
const SEE_ALL = '__see_all__';

/** On a narrow screen, a button to the search page (its own box); else the box with its list. */
export function SearchBox({ compact = false }: { compact?: boolean }) {
  const navigate = useNavigate();
  if (compact)
    return (
      <Button
        icon={<SearchOutlined />}
        aria-label="Tìm kiếm"
        onClick={() => navigate(SEARCH_PATH)}
        data-testid="search-button"
      />
    );
  return <HeaderSearch />;
}

function HeaderSearch() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(text.trim(), 250);
  const search = useSearch(q, BOX_LIMIT, open && q.length >= 2);
  // Enter both selects a highlighted result (onSelect) and presses Enter in the input: the
  // selection wins. Selections are counted, so that Enter can tell whether one came with it.
  const selections = useRef(0);

  const options = useMemo(() => {
    if (!search.data || q.length < 2) return [];
    const groups = search.data.groups
      .filter((g) => g.items.length > 0)
      .map((g) => ({
        label: (
          <Flex justify="space-between" data-testid={`search-group-${g.kind}`}>
            <span>{SEARCH_KIND_LABELS[g.kind as SearchKind]}</span>
            <span>{g.total}</span>
          </Flex>
        ),
        title: SEARCH_KIND_LABELS[g.kind as SearchKind],
        options: g.items.flatMap((hit) => {
          const href = hitHref(g.kind, hit);
          if (!href) return [];
          const detail = hitDetail(g.kind, hit);
          return [
            {
              value: `${g.kind}:${hit.id}`,
              href,
              label: (
                <div data-testid="search-option" style={{ whiteSpace: 'normal' }}>
                  <Typography.Text ellipsis={{ tooltip: hit.title }} style={{ display: 'block' }}>
                    {hit.title}
                  </Typography.Text>
                  {detail && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {detail}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
          ];
        }),
      }));
    if (groups.length === 0) return [];
    return [
      ...groups,
      {
        value: SEE_ALL,
        href: searchPageHref(q),
        label: <Typography.Link data-testid="search-see-all">Xem tất cả kết quả</Typography.Link>,
      },
    ];
  }, [search.data, q]);

  const hrefOf = (value: string): string | null => {
    if (value === SEE_ALL) return searchPageHref(text);
    for (const o of options) {
      if ('options' in o) {
        const found = o.options.find((x) => x.value === value);
        if (found) return found.href;
      }
    }
    return null;
  };

  const go = (href: string) => {
    setOpen(false);
    setText('');
    navigate(href);
  };

  const showEmpty = open && q.length >= 2 && search.isSuccess && !search.isPlaceholderData;

  return (
    <AutoComplete
      value={text}
      options={options}
      open={open && q.length >= 2}
      onOpenChange={setOpen}
      onChange={(v: string) => {
        // Choosing a result puts its value in the box before onSelect opens its page.
        if (v === SEE_ALL || hrefOf(v) !== null) return;
        setText(v);
        setOpen(true);
      }}
      onSelect={(value: string) => {
        selections.current += 1;
        const href = hrefOf(value);
        if (href) go(href);
      }}
      defaultActiveFirstOption={false}
      notFoundContent={showEmpty ? NO_RESULTS : null}
      popupMatchSelectWidth={480}
      style={{ width: 320 }}
      data-testid="search-box"
    >
      <Input
        prefix={<SearchOutlined />}
        placeholder="Tìm kế hoạch, nhiệm vụ, cơ quan…"
        aria-label="Tìm kiếm"
        allowClear
        onPressEnter={() => {
          const before = selections.current;
          // The keydown reaches the input before the list selects: let a selection go first.
          setTimeout(() => {
            if (selections.current === before && text.trim()) go(searchPageHref(text));
          }, 0);
        }}
        data-testid="search-input"
      />
    </AutoComplete>
  );
}
