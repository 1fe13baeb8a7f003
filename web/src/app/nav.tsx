// The sections of the application, in menu order.
import {
  ApartmentOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  FileTextOutlined,
  FlagOutlined,
  ProjectOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export type NavItem = { path: string; label: string; icon: ReactNode };

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/ke-hoach', label: 'Kế hoạch', icon: <FileTextOutlined /> },
  { path: '/nhiem-vu', label: 'Nhiệm vụ', icon: <CheckSquareOutlined /> },
  { path: '/chi-tieu', label: 'Chỉ tiêu', icon: <FlagOutlined /> },
  { path: '/du-an', label: 'Dự án trọng điểm', icon: <ProjectOutlined /> },
  { path: '/co-quan', label: 'Cơ quan', icon: <ApartmentOutlined /> },
  { path: '/bao-cao', label: 'Báo cáo', icon: <BarChartOutlined /> },
];

/** The menu entry a pathname belongs to ("/ke-hoach/…" → "/ke-hoach"; an import under review → "/ke-hoach"). */
export function navKeyOf(pathname: string): string | undefined {
  if (pathname.startsWith('/nhap/')) return '/ke-hoach';
  return NAV_ITEMS.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))?.path;
}
