package org.xinfang.supervision.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.xinfang.supervision.Bulletins.Bulletin;
import org.xinfang.supervision.Bulletins.Entry;
import org.xinfang.supervision.Bulletins.Kind;

/**
 * A bulletin as an Excel workbook (POI): one sheet with the title, the ranking table (rank, unit, composite
 * score, the eight rates as percentages, counts, lagging reasons) and a native bar chart of the scores of the
 * ranked units; for a special bulletin the units named with their notes.
 */
@Component
class BulletinExcel {

	/** The first row of the table (0-based): title, unit and period, a blank row, then the header. */
	static final int HEADER_ROW = 3;

	private final MessageSource messages;

	BulletinExcel(MessageSource messages) {
		this.messages = messages;
	}

	byte[] render(Bulletin b) {
		Locale locale = LocaleContextHolder.getLocale();
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			XSSFSheet sheet = book.createSheet(msg(b.kind() == Kind.SPECIAL ? "bulletin.xlsx.named" : "bulletin.xlsx.ranking", locale));
			Font boldFont = book.createFont();
			boldFont.setBold(true);
			CellStyle bold = book.createCellStyle();
			bold.setFont(boldFont);
			CellStyle pct = book.createCellStyle();
			pct.setDataFormat(book.createDataFormat().getFormat("0.0%"));
			CellStyle num = book.createCellStyle();
			num.setDataFormat(book.createDataFormat().getFormat("0.00"));

			Row title = sheet.createRow(0);
			title.createCell(0).setCellValue(b.title());
			title.getCell(0).setCellStyle(bold);
			sheet.createRow(1).createCell(0).setCellValue(b.issuingUnit().name()
					+ (b.kind() == Kind.SPECIAL ? "" : "  " + b.periodFrom() + " — " + b.periodTo()) + "  "
					+ msg("bulletin.status." + b.status().name(), locale));
			if (b.kind() == Kind.SPECIAL) {
				Row head = sheet.createRow(HEADER_ROW);
				head.createCell(0).setCellValue(msg("bulletin.col.unit", locale));
				head.createCell(1).setCellValue(msg("bulletin.col.note", locale));
				head.getCell(0).setCellStyle(bold);
				head.getCell(1).setCellStyle(bold);
				int r = HEADER_ROW;
				for (Entry e : b.entries()) {
					Row row = sheet.createRow(++r);
					row.createCell(0).setCellValue(e.unit().name());
					row.createCell(1).setCellValue(e.note());
				}
				sheet.setColumnWidth(0, 30 * 256);
				sheet.setColumnWidth(1, 80 * 256);
			}
			else {
				ranking(sheet, b, locale, bold, pct, num);
			}
			book.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the bulletin workbook", ex);
		}
	}

	private void ranking(XSSFSheet sheet, Bulletin b, Locale locale, CellStyle bold, CellStyle pct, CellStyle num) {
		String[] keys = { "rank", "unitCode", "unit", "score", "completion", "acceptance", "satisfaction", "unitLevel",
				"withoutRepeat", "participation", "repeat", "online", "received", "completionDue", "openOverdue",
				"lagging" };
		Row head = sheet.createRow(HEADER_ROW);
		for (int i = 0; i < keys.length; i++) {
			head.createCell(i).setCellValue(msg("bulletin.col." + keys[i], locale));
			head.getCell(i).setCellStyle(bold);
		}
		int r = HEADER_ROW;
		int lastRanked = -1;
		for (Entry e : b.entries()) {
			Row row = sheet.createRow(++r);
			if (e.rank() != null) {
				row.createCell(0).setCellValue(e.rank());
				lastRanked = r;
			}
			row.createCell(1).setCellValue(e.unit().code());
			row.createCell(2).setCellValue(e.unit().name());
			if (e.score() != null) {
				row.createCell(3).setCellValue(e.score());
				row.getCell(3).setCellStyle(num);
			}
			Double[] rates = { e.rates().onTimeCompletionRate(), e.rates().timelyAcceptanceRate(),
					e.rates().satisfactionRate(), e.rates().resolvedAtUnitLevelRate(),
					e.rates().resolvedWithoutRepeatRate(), e.rates().participationRate(), e.rates().repeatRate(),
					e.rates().onlineShare() };
			for (int i = 0; i < rates.length; i++) {
				if (rates[i] != null) {
					row.createCell(4 + i).setCellValue(rates[i]);
					row.getCell(4 + i).setCellStyle(pct);
				}
			}
			row.createCell(12).setCellValue(e.received());
			row.createCell(13).setCellValue(e.completionDue());
			row.createCell(14).setCellValue(e.openOverdue());
			List<String> why = new ArrayList<>();
			for (String reason : e.lagging()) {
				why.add(msg("bulletin.lagging." + reason, locale));
			}
			row.createCell(15).setCellValue(String.join("；", why));
		}
		sheet.setColumnWidth(1, 14 * 256);
		sheet.setColumnWidth(2, 28 * 256);
		sheet.setColumnWidth(15, 40 * 256);
		sheet.createFreezePane(0, HEADER_ROW + 1);
		if (lastRanked > HEADER_ROW) {
			chart(sheet, HEADER_ROW + 1, lastRanked, r + 2, msg("bulletin.col.score", locale),
					msg("bulletin.pdf.chart", locale));
		}
	}

	/** A bar chart of the scores (column D) by unit name (column C), below the table. */
	private static void chart(XSSFSheet sheet, int first, int last, int top, String series, String title) {
		XSSFDrawing drawing = sheet.createDrawingPatriarch();
		XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, top, 10, top + Math.max(14, last - first + 6));
		XSSFChart chart = drawing.createChart(anchor);
		chart.setTitleText(title);
		chart.setTitleOverlay(false);
		XDDFCategoryAxis units = chart.createCategoryAxis(AxisPosition.LEFT);
		XDDFValueAxis scores = chart.createValueAxis(AxisPosition.BOTTOM);
		scores.setCrosses(AxisCrosses.AUTO_ZERO);
		scores.setMinimum(0);
		scores.setMaximum(100);
		XDDFDataSource<String> names = XDDFDataSourcesFactory.fromStringCellRange(sheet,
				new CellRangeAddress(first, last, 2, 2));
		XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
				new CellRangeAddress(first, last, 3, 3));
		XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, units, scores);
		data.setBarDirection(BarDirection.BAR);
		XDDFChartData.Series s = data.addSeries(names, values);
		s.setTitle(series, null);
		chart.plot(data);
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
