// The report's three downloads: plain links, so the session cookie goes along and the browser
// saves the file under the name the server gives.
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { consolidatedDownloads } from '../hooks/use-consolidated-report';

export function DownloadButtons({ periodId }: { periodId: string }) {
  const urls = consolidatedDownloads(periodId);
  return (
    <Flex gap={8} wrap>
      <Button
        type="primary"
        icon={<FileWordOutlined />}
        href={urls.report}
        download
        data-testid="consolidated-docx"
      >
        Tải báo cáo (.docx)
      </Button>
      <Button
        icon={<FileWordOutlined />}
        href={urls.appendixDocx}
        download
        data-testid="consolidated-appendix-docx"
      >
        Phụ lục (.docx)
      </Button>
      <Button
        icon={<FileExcelOutlined />}
        href={urls.appendixXlsx}
        download
        data-testid="consolidated-appendix-xlsx"
      >
        Phụ lục (.xlsx)
      </Button>
    </Flex>
  );
}
