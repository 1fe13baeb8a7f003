// The sections of the application, in menu order, and who sees which. The menu only helps people
// find their way: the server decides what each role may read and do.
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  CompassOutlined,
  ControlOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FlagOutlined,
  GlobalOutlined,
  InboxOutlined,
  MailOutlined,
  MessageOutlined,
  NotificationOutlined,
  ProjectOutlined,
  SettingOutlined,
  SwapOutlined,
  SwitcherOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../features/auth/labels';

export type NavItem = {
  path: string;
  label: string;
  icon: ReactNode;
  /** Roles that see the entry; every signed-in user when absent. */
  roles?: readonly Role[];
};
export type NavGroup = {
  key: string;
  label: string;
  icon: ReactNode;
  roles: readonly Role[];
  children: readonly NavItem[];
};
export type NavEntry = NavItem | NavGroup;

export const isNavGroup = (entry: NavEntry): entry is NavGroup => 'children' in entry;

const URGERS: readonly Role[] = ['consolidator', 'leadership', 'administrator'];
// The province's own staff: every role but the Fatherland Front's supervisor, who reads the
// public view (and the agencies' accepted reports through the API) only.
const STAFF: readonly Role[] = [
  'administrator',
  'leadership',
  'consolidator',
  'agency_head',
  'agency_officer',
  'viewer',
];
// Public feedback is moderated by the consolidating department (and the administrator).
const MODERATORS: readonly Role[] = ['consolidator', 'administrator'];
const ADMINS: readonly Role[] = ['administrator'];
// The map is for those who oversee the province (features/map/policy.ts lets agency staff read it
// too: it shows only what they read elsewhere; the menu keeps their view short).
const OVERSEERS: readonly Role[] = ['leadership', 'consolidator', 'administrator', 'viewer'];
const AGENCY_STAFF: readonly Role[] = ['agency_head', 'agency_officer'];
// The consolidator chooses new leads in the reorganisation queue; leadership reads it.
const REORGANISERS: readonly Role[] = ['administrator', 'consolidator', 'leadership'];
// The province's settings (tenant-settings/policy.ts): the administrator changes them; the
// consolidating department and leadership, who produce and sign the documents, read them.
const SETTINGS_READERS: readonly Role[] = ['administrator', 'consolidator', 'leadership'];

export const NAV: readonly NavEntry[] = [
  { path: '/viec-cua-toi', label: 'Việc của tôi', icon: <InboxOutlined />, roles: STAFF },
  // Leadership's landing page (auth/redirect.ts#homePathFor); every staff role may read it.
  { path: '/tong-quan', label: 'Tổng quan', icon: <DashboardOutlined />, roles: STAFF },
  { path: '/ke-hoach', label: 'Kế hoạch', icon: <FileTextOutlined />, roles: STAFF },
  { path: '/nhiem-vu', label: 'Nhiệm vụ', icon: <CheckSquareOutlined />, roles: STAFF },
  { path: '/chi-tieu', label: 'Chỉ tiêu', icon: <FlagOutlined />, roles: STAFF },
  { path: '/du-an', label: 'Dự án trọng điểm', icon: <ProjectOutlined />, roles: STAFF },
  { path: '/dieu-chinh', label: 'Điều chỉnh kế hoạch', icon: <SwitcherOutlined />, roles: STAFF },
  { path: '/co-quan', label: 'Cơ quan', icon: <ApartmentOutlined />, roles: STAFF },
  // Before "/bao-cao": the menu entry of a path is the first whose path starts it.
  {
    path: '/bao-cao/cua-don-vi',
    label: 'Báo cáo của đơn vị',
    icon: <FileDoneOutlined />,
    roles: AGENCY_STAFF,
  },
  { path: '/bao-cao', label: 'Báo cáo', icon: <BarChartOutlined />, roles: STAFF },
  { path: '/don-doc', label: 'Đôn đốc', icon: <NotificationOutlined />, roles: URGERS },
  { path: '/ban-do', label: 'Bản đồ', icon: <CompassOutlined />, roles: OVERSEERS },
  { path: '/gop-y', label: 'Góp ý', icon: <MessageOutlined />, roles: MODERATORS },
  {
    path: '/giam-sat',
    label: 'Báo cáo đã tiếp nhận',
    icon: <FileDoneOutlined />,
    roles: ['supervisor'],
  },
  { path: '/cong-khai', label: 'Công khai', icon: <GlobalOutlined /> },
  {
    key: 'quan-tri',
    label: 'Quản trị',
    icon: <SettingOutlined />,
    roles: REORGANISERS,
    children: [
      {
        path: '/quan-tri/nguoi-dung',
        label: 'Người dùng',
        icon: <TeamOutlined />,
        roles: ADMINS,
      },
      {
        path: '/quan-tri/to-chuc-lai',
        label: 'Tổ chức lại',
        icon: <SwapOutlined />,
        roles: REORGANISERS,
      },
      { path: '/quan-tri/nhat-ky', label: 'Nhật ký', icon: <AuditOutlined />, roles: ADMINS },
      { path: '/quan-tri/thu-di', label: 'Thư đi', icon: <MailOutlined />, roles: ADMINS },
      {
        path: '/quan-tri/cai-dat',
        label: 'Cài đặt của tỉnh',
        icon: <ControlOutlined />,
        roles: SETTINGS_READERS,
      },
    ],
  },
];

const visibleTo = (role: Role, entry: { roles?: readonly Role[] }) =>
  !entry.roles || entry.roles.includes(role);

/** The menu a user of `role` sees. */
export function navFor(role: Role): NavEntry[] {
  return NAV.filter((entry) => visibleTo(role, entry)).map((entry) =>
    isNavGroup(entry)
      ? { ...entry, children: entry.children.filter((c) => visibleTo(role, c)) }
      : entry,
  );
}

const ALL_ITEMS: readonly NavItem[] = NAV.flatMap((e) => (isNavGroup(e) ? e.children : [e]));

/** The menu entry a pathname belongs to ("/ke-hoach/…" → "/ke-hoach"; an import under review → "/ke-hoach"). */
export function navKeyOf(pathname: string): string | undefined {
  if (pathname.startsWith('/nhap/')) return '/ke-hoach';
  return ALL_ITEMS.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))?.path;
}

/** The group whose entry `pathname` belongs to, to open it in the menu. */
export function navGroupOf(pathname: string): string | undefined {
  const key = navKeyOf(pathname);
  return NAV.filter(isNavGroup).find((g) => g.children.some((c) => c.path === key))?.key;
}
