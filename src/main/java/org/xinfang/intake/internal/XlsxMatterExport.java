package org.xinfang.intake.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.xinfang.audit.AuditLog;
import org.xinfang.intake.MatterExport;
import org.xinfang.intake.MatterFilter;
import org.xinfang.intake.MatterPage;
import org.xinfang.intake.MatterQueries;
import org.xinfang.organisation.CurrentUser;
import org.xinfang.platform.DomainException;

/**
 * Writes the export with Apache POI (at most {@link #MAX_ROWS} rows, so in memory), reading the rows through {@link MatterQueries}, so
 * the data scope and the masking are the list's own and cannot drift apart. The workbook and the audit entry
 * are made in one transaction: an export that fails leaves no entry, and one that is served has one.
 */
@Service
class XlsxMatterExport implements MatterExport {

	private static final int PAGE = 100;

	private final MatterQueries matters;

	private final CurrentUser currentUser;

	private final AuditLog audit;

	private final MessageSource messages;

	private final Clock clock;

	XlsxMatterExport(MatterQueries matters, CurrentUser currentUser, AuditLog audit, MessageSource messages,
			Clock clock) {
		this.matters = matters;
		this.currentUser = currentUser;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Workbook xlsx(MatterFilter filter, MatterFilter.Sort sort) {
		String user = currentUser.require().username();
		List<MatterPage.Summary> all = new ArrayList<>();
		MatterPage page = matters.list(filter, sort, 0, PAGE);
		if (page.total() > MAX_ROWS) {
			throw DomainException.unprocessable("export-too-large",
					"The selection has " + page.total() + " matters; an export takes at most " + MAX_ROWS);
		}
		all.addAll(page.items());
		for (int p = 1; p < page.pages(); p++) {
			all.addAll(matters.list(filter, sort, p, PAGE).items());
		}
		byte[] content = write(all);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("filters", filters(filter, sort));
		details.put("rows", all.size());
		audit.record("MATTERS_EXPORTED", "matter-export", user, details);
		String filename = "matters-" + LocalDate.now(clock).format(DateTimeFormatter.BASIC_ISO_DATE) + ".xlsx";
		return new Workbook(filename, content, all.size());
	}

	private static Map<String, Object> filters(MatterFilter f, MatterFilter.Sort sort) {
		Map<String, Object> m = new LinkedHashMap<>();
		put(m, "status", f.status());
		put(m, "deadlineState", f.deadlineState());
		put(m, "unit", f.unitCode());
		put(m, "kind", f.kind());
		put(m, "channel", f.channel());
		put(m, "q", f.text());
		if (f.statuses() != null && !f.statuses().isEmpty()) {
			m.put("statuses", f.statuses().stream().map(Enum::name).sorted().toList());
		}
		m.put("sort", sort.name());
		return m;
	}

	private static void put(Map<String, Object> m, String key, Object value) {
		if (value != null) {
			m.put(key, value instanceof Enum<?> e ? e.name() : value);
		}
	}

	private byte[] write(List<MatterPage.Summary> items) {
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet(label("matters.title"));
			CellStyle bold = book.createCellStyle();
			Font font = book.createFont();
			font.setBold(true);
			bold.setFont(font);
			List<String> headers = List.of(label("matters.col.code"), label("matters.col.received"),
					label("matters.col.title"), label("matters.col.channel"), label("matters.col.kind"),
					label("matters.col.petitioner"), label("intake.field.idNumber"), label("intake.field.headcount"),
					label("export.col.receivingUnit"), label("export.col.concernedUnit"), label("matters.col.status"),
					label("matters.col.deadline"), label("export.col.deadlineState"), label("matters.col.repeat"));
			Row head = sheet.createRow(0);
			for (int i = 0; i < headers.size(); i++) {
				Cell c = head.createCell(i);
				c.setCellValue(headers.get(i));
				c.setCellStyle(bold);
			}
			int r = 1;
			for (MatterPage.Summary m : items) {
				Row row = sheet.createRow(r++);
				int c = 0;
				row.createCell(c++).setCellValue(m.trackingCode());
				row.createCell(c++).setCellValue(m.receivedOn() == null ? "" : m.receivedOn().toString());
				row.createCell(c++).setCellValue(m.title());
				row.createCell(c++).setCellValue(label("matter.channel." + m.channel()));
				row.createCell(c++).setCellValue(label("matter.kind." + m.kind()));
				row.createCell(c++).setCellValue(nullToEmpty(m.petitioner()));
				// the list already masks ID numbers (and drops them on protected matters); never anything more
				row.createCell(c++).setCellValue(nullToEmpty(IdentityMasking.maskIdNumber(m.idNumber())));
				row.createCell(c++).setCellValue(m.headcount());
				row.createCell(c++).setCellValue(nullToEmpty(m.receivingUnit()));
				row.createCell(c++).setCellValue(nullToEmpty(m.concernedUnit()));
				row.createCell(c++).setCellValue(m.statusLabel());
				row.createCell(c++).setCellValue(m.nextDeadline() == null ? "" : m.nextDeadline().dueDate().toString());
				row.createCell(c++).setCellValue(
						m.nextDeadline() == null ? "" : label("deadline.state." + m.nextDeadline().state()));
				row.createCell(c).setCellValue(m.repeatCount());
			}
			book.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}

	private String label(String code) {
		return messages.getMessage(code, null, code, LocaleContextHolder.getLocale());
	}
}
