// Vietnamese words for the importer's warning codes (docs/import-extraction.md), shared by the
// CLI and the web client.

export const WARNING_LABELS: Record<string, string> = {
  missing_number: 'Văn bản chưa có số, ký hiệu – hãy điền trước khi xác nhận',
  missing_date: 'Không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”) – hãy điền nếu có',
  missing_issuer: 'Không xác định được cơ quan ban hành – hãy điền trước khi xác nhận',
  issuer_inferred: 'Cơ quan ban hành được suy ra từ phần ký',
  appendix_missing:
    'Văn bản nhắc tới phụ lục nhưng tệp không có phụ lục: các nhiệm vụ trong phụ lục bị thiếu',
  task_without_lead: 'Nhiệm vụ chưa có cơ quan chủ trì',
  agency_needs_choice: 'Cơ quan được giao đã chia tách hoặc giải thể – cần chọn đơn vị thực hiện',
  missing_signer: 'Không tìm thấy phần ký (người ký, chức vụ)',
  not_a_plan: 'Văn bản có thể không phải là một kế hoạch',
};
