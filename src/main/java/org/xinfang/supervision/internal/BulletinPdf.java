package org.xinfang.supervision.internal;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.xinfang.documents.ChinesePdf;
import org.xinfang.supervision.Bulletins.Bulletin;
import org.xinfang.supervision.Bulletins.Entry;
import org.xinfang.supervision.Bulletins.Kind;
import org.xinfang.supervision.Bulletins.Status;

/**
 * A bulletin as an A4 PDF in the font of the official documents ({@link ChinesePdf}): title, issuing unit and
 * period, the supervisor's foreword; for a regular bulletin the ranking table, a bar chart of the composite
 * scores drawn with PDFBox (the bottom three in red) and the lagging units with why; for a special one its
 * text and the units it names. A draft says so under the title.
 */
@Component
class BulletinPdf {

	private static final float MM = 72f / 25.4f;

	private static final PDRectangle PAGE = PDRectangle.A4;

	private static final float LEFT = 25 * MM;

	private static final float RIGHT = PAGE.getWidth() - 25 * MM;

	private static final float TOP = PAGE.getHeight() - 25 * MM;

	private static final float BOTTOM = 25 * MM;

	private static final float BODY = 12;

	private static final float SMALL = 9;

	private static final Color RED = new Color(0xC8, 0x10, 0x2E);

	private static final Color BLUE = new Color(0x2F, 0x5D, 0x8A);

	private static final Color GREY = new Color(0xDD, 0xDD, 0xDD);

	/** Table columns: rank, unit, score, on-time completion, timely acceptance, satisfaction, unit level. */
	private static final float[] COLUMNS = { 30, 150, 55, 62, 62, 50, 62 };

	private final ChinesePdf pdfs;

	private final MessageSource messages;

	private final java.time.Clock clock;

	BulletinPdf(ChinesePdf pdfs, MessageSource messages, java.time.Clock clock) {
		this.pdfs = pdfs;
		this.messages = messages;
		this.clock = clock;
	}

	byte[] render(Bulletin b) {
		Locale locale = LocaleContextHolder.getLocale();
		return pdfs.render((doc, font) -> {
			var info = doc.getDocumentInformation();
			info.setTitle(b.title());
			info.setAuthor(b.issuingUnit().name());
			info.setProducer("xinfang");
			Calendar now = GregorianCalendar.from(clock.instant().atZone(clock.getZone()));
			info.setCreationDate(now);
			new Pages(doc, font, locale).write(b);
		});
	}

	private String msg(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	static String percent(Double rate) {
		return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
	}

	static String score(Double score) {
		return score == null ? "—" : String.format(Locale.ROOT, "%.2f", score);
	}

	private final class Pages {

		private final PDDocument doc;

		private final PDType0Font font;

		private final Locale locale;

		private PDPageContentStream out;

		private float y;

		private int pageNumber;

		Pages(PDDocument doc, PDType0Font font, Locale locale) {
			this.doc = doc;
			this.font = font;
			this.locale = locale;
		}

		void write(Bulletin b) throws IOException {
			newPage();
			for (String line : wrap(b.title(), 18, RIGHT - LEFT)) {
				y -= 26;
				centred(line, 18, Color.BLACK);
			}
			y -= 20;
			String sub = b.issuingUnit().name()
					+ (b.kind() == Kind.SPECIAL ? "　" + msg("bulletin.kind.SPECIAL", locale)
							: "　" + b.periodFrom() + " — " + b.periodTo());
			centred(sub, BODY, Color.DARK_GRAY);
			if (b.status() == Status.DRAFT) {
				y -= 18;
				centred(msg("bulletin.pdf.draft", locale), BODY, RED);
			}
			y -= 10;
			if (b.foreword() != null && !b.foreword().isBlank()) {
				paragraphs(b.foreword());
			}
			if (b.kind() == Kind.SPECIAL) {
				paragraphs(b.body());
				heading(msg("bulletin.pdf.named", locale));
				for (Entry e : b.entries()) {
					paragraphs(e.unit().name() + (e.note() == null || e.note().isBlank() ? "" : "：" + e.note()));
				}
			}
			else {
				ranking(b);
				chart(b);
				lagging(b);
			}
			out.close();
		}

		private void ranking(Bulletin b) throws IOException {
			heading(msg("bulletin.pdf.ranking", locale));
			paragraphs(msg("bulletin.pdf.method", locale));
			String[] head = { msg("bulletin.col.rank", locale), msg("bulletin.col.unit", locale),
					msg("bulletin.col.score", locale), msg("bulletin.col.completion", locale),
					msg("bulletin.col.acceptance", locale), msg("bulletin.col.satisfaction", locale),
					msg("bulletin.col.unitLevel", locale) };
			row(head, true, null);
			for (Entry e : b.entries()) {
				String[] cells = { e.rank() == null ? "—" : String.valueOf(e.rank()), e.unit().name(), score(e.score()),
						percent(e.rates().onTimeCompletionRate()), percent(e.rates().timelyAcceptanceRate()),
						percent(e.rates().satisfactionRate()), percent(e.rates().resolvedAtUnitLevelRate()) };
				row(cells, false, e.bottomThree() ? RED : null);
			}
			if (b.entries().isEmpty()) {
				paragraphs(msg("bulletin.pdf.noUnits", locale));
			}
		}

		private void row(String[] cells, boolean header, Color colour) throws IOException {
			float height = 16;
			room(height + 2);
			y -= height;
			if (header) {
				out.setNonStrokingColor(GREY);
				out.addRect(LEFT, y - 4, RIGHT - LEFT, height);
				out.fill();
			}
			float x = LEFT;
			for (int i = 0; i < cells.length; i++) {
				String text = fitted(cells[i], SMALL + 1, COLUMNS[i] - 4);
				text(text, x + 2, y, SMALL + 1, colour == null ? Color.BLACK : colour);
				x += COLUMNS[i];
			}
			out.setStrokingColor(GREY);
			out.setLineWidth(0.5f);
			out.moveTo(LEFT, y - 4);
			out.lineTo(RIGHT, y - 4);
			out.stroke();
		}

		/** Horizontal bars of the composite scores, 0 to 100, in rank order; the bottom three in red. */
		private void chart(Bulletin b) throws IOException {
			List<Entry> ranked = b.entries().stream().filter(e -> e.score() != null).toList();
			if (ranked.isEmpty()) {
				return;
			}
			heading(msg("bulletin.pdf.chart", locale));
			float label = 130;
			float barLeft = LEFT + label;
			float barWidth = RIGHT - barLeft - 45;
			float bar = 11;
			float gap = 6;
			for (Entry e : ranked) {
				room(bar + gap);
				y -= bar + gap;
				text(fitted(e.unit().name(), SMALL, label - 6), LEFT, y + 2, SMALL, Color.BLACK);
				float w = (float) (barWidth * Math.max(0, Math.min(100, e.score())) / 100);
				out.setNonStrokingColor(GREY);
				out.addRect(barLeft, y, barWidth, bar);
				out.fill();
				out.setNonStrokingColor(e.bottomThree() ? RED : BLUE);
				out.addRect(barLeft, y, w, bar);
				out.fill();
				text(score(e.score()), barLeft + barWidth + 4, y + 2, SMALL, Color.BLACK);
			}
			room(14);
			y -= 14;
			text("0", barLeft, y, SMALL, Color.DARK_GRAY);
			text("100", barLeft + barWidth - width("100", SMALL), y, SMALL, Color.DARK_GRAY);
		}

		private void lagging(Bulletin b) throws IOException {
			heading(msg("bulletin.pdf.lagging", locale));
			List<Entry> lagging = b.lagging();
			if (lagging.isEmpty()) {
				paragraphs(msg("bulletin.pdf.noLagging", locale));
				return;
			}
			for (Entry e : lagging) {
				List<String> why = new ArrayList<>();
				for (String reason : e.lagging()) {
					why.add(msg("bulletin.lagging." + reason, locale));
				}
				paragraphs(e.unit().name() + "：" + String.join("；", why));
			}
		}

		private void heading(String text) throws IOException {
			room(34);
			y -= 28;
			text(text, LEFT, y, 14, Color.BLACK);
			y -= 4;
		}

		private void paragraphs(String text) throws IOException {
			for (String paragraph : text.split("\\R")) {
				if (paragraph.isBlank()) {
					continue;
				}
				List<String> lines = wrap("　　" + paragraph.strip(), BODY, RIGHT - LEFT);
				for (String line : lines) {
					room(BODY * 1.7f);
					y -= BODY * 1.7f;
					text(line, LEFT, y, BODY, Color.BLACK);
				}
			}
		}

		private List<String> wrap(String text, float size, float width) {
			List<String> lines = new ArrayList<>();
			StringBuilder line = new StringBuilder();
			float used = 0;
			for (int i = 0; i < text.length();) {
				int cp = text.codePointAt(i);
				String ch = new String(Character.toChars(cp));
				float w = width(ch, size);
				if (used + w > width && line.length() > 0) {
					lines.add(line.toString());
					line.setLength(0);
					used = 0;
				}
				line.append(ch);
				used += w;
				i += Character.charCount(cp);
			}
			if (line.length() > 0) {
				lines.add(line.toString());
			}
			return lines;
		}

		private String fitted(String text, float size, float width) {
			if (width(text, size) <= width) {
				return text;
			}
			String cut = text;
			while (!cut.isEmpty() && width(cut + "…", size) > width) {
				cut = cut.substring(0, cut.length() - 1);
			}
			return cut + "…";
		}

		private void centred(String text, float size, Color colour) throws IOException {
			text(text, (LEFT + RIGHT - width(text, size)) / 2, y, size, colour);
		}

		private void text(String text, float x, float baseline, float size, Color colour) throws IOException {
			out.beginText();
			out.setFont(font, size);
			out.setNonStrokingColor(colour);
			out.newLineAtOffset(x, baseline);
			out.showText(text);
			out.endText();
		}

		private float width(String text, float size) {
			try {
				return font.getStringWidth(text) / 1000 * size;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void room(float needed) throws IOException {
			if (y - needed < BOTTOM) {
				newPage();
			}
		}

		private void newPage() throws IOException {
			if (out != null) {
				out.close();
			}
			PDPage page = new PDPage(PAGE);
			doc.addPage(page);
			out = new PDPageContentStream(doc, page);
			pageNumber++;
			String folio = "— " + pageNumber + " —";
			text(folio, (LEFT + RIGHT - width(folio, SMALL)) / 2, BOTTOM - 10 * MM, SMALL, Color.BLACK);
			y = TOP;
		}
	}
}
