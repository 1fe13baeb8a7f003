// Vietnamese words of a key project's enums: investment forms, capital sources, milestones,
// site-clearance units (the server's own names, so that the UI and the capital spreadsheet say the
// same) and the states of a monthly update.
import {
  CAPITAL_SOURCE_LABELS,
  CAPITAL_SOURCES,
  CLEARANCE_UNIT_LABELS,
  CLEARANCE_UNITS,
  INVESTMENT_FORM_LABELS,
  INVESTMENT_FORMS,
  MILESTONE_KIND_LABELS,
  MILESTONE_KINDS,
  type ProjectUpdateView,
} from '@features/projects/schema';

export {
  CAPITAL_SOURCE_LABELS,
  CAPITAL_SOURCES,
  CLEARANCE_UNIT_LABELS,
  CLEARANCE_UNITS,
  INVESTMENT_FORM_LABELS,
  INVESTMENT_FORMS,
  MILESTONE_KIND_LABELS,
  MILESTONE_KINDS,
};

export type UpdateStatus = ProjectUpdateView['status'];

export const UPDATE_STATUS_LABELS: Record<UpdateStatus, { label: string; color: string }> = {
  pending: { label: 'Chờ duyệt', color: 'gold' },
  approved: { label: 'Đã duyệt', color: 'green' },
  returned: { label: 'Bị trả lại', color: 'red' },
  withdrawn: { label: 'Đã rút (đổi đơn vị)', color: 'default' },
};

export const investmentFormOptions = INVESTMENT_FORMS.map((value) => ({
  value,
  label: INVESTMENT_FORM_LABELS[value],
}));

export const milestoneKindOptions = MILESTONE_KINDS.map((value) => ({
  value,
  label: MILESTONE_KIND_LABELS[value],
}));
