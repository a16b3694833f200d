package org.kefu.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.kefu.shared.InvalidInputException;

/**
 * Reads a spreadsheet's first sheet, or a CSV file, into rows of text. CSV is read as UTF-8 when it
 * is valid UTF-8 (with or without a byte order mark) and as GB18030 (a superset of GBK and GB2312)
 * otherwise, since Excel in China saves CSV in GBK.
 */
final class Sheets {

	static final int MAX_ROWS = 20_000;

	private Sheets() {
	}

	/** The rows, heading first; blank rows are left out. */
	static List<List<String>> read(String filename, byte[] content) {
		String name = filename == null ? "" : filename.toLowerCase();
		if (name.endsWith(".xlsx") || isZip(content)) {
			return excel(content);
		}
		if (name.endsWith(".xls")) {
			throw new InvalidInputException("import.xls-unsupported");
		}
		return csv(decode(content));
	}

	static String decode(byte[] content) {
		if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
				&& (content[2] & 0xFF) == 0xBF) {
			return new String(content, 3, content.length - 3, StandardCharsets.UTF_8);
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
		}
		catch (CharacterCodingException e) {
			return new String(content, Charset.forName("GB18030"));
		}
	}

	private static List<List<String>> csv(String text) {
		try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get()
			.parse(new StringReader(text))) {
			List<List<String>> rows = new ArrayList<>();
			for (CSVRecord record : parser) {
				List<String> row = record.toList();
				if (row.stream().allMatch(String::isBlank)) {
					continue;
				}
				rows.add(row);
				if (rows.size() > MAX_ROWS + 1) {
					throw new InvalidInputException("import.too-many-rows", MAX_ROWS);
				}
			}
			return rows;
		}
		catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
			throw new InvalidInputException("import.unreadable");
		}
	}

	private static List<List<String>> excel(byte[] content) {
		try (InputStream in = new ByteArrayInputStream(content); ReadableWorkbook workbook = new ReadableWorkbook(in);
				Stream<Row> stream = workbook.getFirstSheet().openStream()) {
			List<List<String>> rows = new ArrayList<>();
			for (Row r : (Iterable<Row>) stream::iterator) {
				List<String> row = new ArrayList<>();
				for (int i = 0; i < r.getCellCount(); i++) {
					String text = r.getCellText(i);
					row.add(text == null ? "" : plain(text.strip()));
				}
				if (row.stream().allMatch(String::isBlank)) {
					continue;
				}
				rows.add(row);
				if (rows.size() > MAX_ROWS + 1) {
					throw new InvalidInputException("import.too-many-rows", MAX_ROWS);
				}
			}
			return rows;
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof InvalidInputException refused) {
				throw refused;
			}
			throw new InvalidInputException("import.unreadable");
		}
	}

	/** Excel keeps a phone number typed as a number as 1.3800138E10 at times; give it back as digits. */
	private static String plain(String text) {
		if (text.matches("[0-9]\\.[0-9]+E[0-9]+")) {
			return new java.math.BigDecimal(text).toPlainString();
		}
		return text.endsWith(".0") && text.matches("[0-9]+\\.0") ? text.substring(0, text.length() - 2) : text;
	}

	private static boolean isZip(byte[] content) {
		return content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
	}

}
