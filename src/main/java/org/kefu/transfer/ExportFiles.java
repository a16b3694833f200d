package org.kefu.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a table as CSV (UTF-8 with a byte order mark, so that Excel shows Chinese right) or as an
 * Excel workbook with a bold heading row.
 */
public final class ExportFiles {

	private ExportFiles() {
	}

	public static void csv(List<String> heading, List<List<Object>> rows, OutputStream out) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
				CSVFormat.DEFAULT.builder().setHeader(heading.toArray(String[]::new)).get());
		for (List<Object> row : rows) {
			csv.printRecord(row);
		}
		csv.flush();
	}

	public static void xlsx(String sheet, List<String> heading, List<List<Object>> rows, OutputStream out)
			throws IOException {
		Workbook workbook = new Workbook(out, "Kefu", "1.0");
		Worksheet ws = workbook.newWorksheet(sheet);
		for (int c = 0; c < heading.size(); c++) {
			ws.value(0, c, heading.get(c));
			ws.style(0, c).bold().set();
		}
		for (int r = 0; r < rows.size(); r++) {
			List<Object> row = rows.get(r);
			for (int c = 0; c < row.size(); c++) {
				Object v = row.get(c);
				if (v instanceof Number n) {
					ws.value(r + 1, c, n);
				}
				else if (v instanceof Boolean b) {
					ws.value(r + 1, c, b);
				}
				else if (v != null) {
					ws.value(r + 1, c, v.toString());
				}
			}
		}
		ws.freezePane(0, 1);
		workbook.finish();
	}
}
