package org.xinfang.documents.internal;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.springframework.stereotype.Component;

/**
 * Lays a {@link Notice} out on A4 in the manner of GB/T 9704-2012 (党政机关公文格式): margins 37 mm top and 28 mm
 * left, body in 16 pt (三号) on 22 lines a page, the issuing unit in red above a red rule, the title in 22 pt
 * (二号), paragraphs indented two characters, the signature and date four characters from the right, the
 * disclosure note two characters in, and the page number at the foot.
 *
 * <p>The Chinese font is that of {@link ChineseFontFile}, embedded as a subset of the glyphs used.
 */
@Component
class NoticeRenderer {

	private static final float MM = 72f / 25.4f;

	private static final PDRectangle PAGE = PDRectangle.A4;

	private static final float LEFT = 28 * MM;

	private static final float RIGHT = PAGE.getWidth() - 26 * MM;

	private static final float TOP = PAGE.getHeight() - 37 * MM;

	private static final float BOTTOM = 35 * MM;

	private static final float BODY = 16;

	private static final float LINE = 225 * MM / 22;

	private static final float TITLE = 22;

	private static final float MASTHEAD = 30;

	private static final Color RED = new Color(0xE6, 0x00, 0x12);

	/** Characters that must not begin a line (避头点): they stay at the end of the line before. */
	private static final String NO_LINE_START = "，。、；：？！）》」』”’%…";

	/** The characters of a page number at the foot: — 1 —. */
	private static final String FOLIO = "— 0123456789";

	private static final String ADDRESSEE_END = "：";

	private final ChineseFontFile fonts;

	private final Clock clock;

	NoticeRenderer(ChineseFontFile fonts, Clock clock) {
		this.fonts = fonts;
		this.clock = clock;
	}

	byte[] render(Notice notice) {
		return fonts.render(characters(notice), (doc, font) -> {
			PDDocumentInformation info = doc.getDocumentInformation();
			info.setTitle(notice.title() + " " + notice.number());
			info.setAuthor(notice.issuingUnit());
			info.setProducer("xinfang");
			Calendar now = GregorianCalendar.from(clock.instant().atZone(clock.getZone()));
			info.setCreationDate(now);
			new Pages(doc, font).write(notice);
		});
	}

	/** Every character {@link Pages#write} shows: the notice's text, the colon after the addressee, the folios. */
	static String characters(Notice n) {
		StringBuilder all = new StringBuilder(FOLIO);
		all.append(n.issuingUnit()).append(n.number()).append(n.title()).append(n.date());
		if (n.addressee() != null) {
			all.append(n.addressee()).append(ADDRESSEE_END);
		}
		n.paragraphs().forEach(all::append);
		if (n.disclosure() != null) {
			all.append(n.disclosure());
		}
		return all.toString();
	}

	/** Writes top to bottom, starting a new page when the next line does not fit. */
	private static final class Pages {

		private final PDDocument doc;

		private final PDType0Font font;

		private PDPageContentStream out;

		private float y;

		private int pageNumber;

		Pages(PDDocument doc, PDType0Font font) {
			this.doc = doc;
			this.font = font;
		}

		void write(Notice n) throws IOException {
			newPage();
			// 版头: the issuing unit's name in red, centred, bold by stroking the outline
			for (String line : wrap(n.issuingUnit(), MASTHEAD, RIGHT - LEFT)) {
				y -= MASTHEAD * 1.2f;
				centred(line, MASTHEAD, RED, true);
			}
			y -= LINE * 1.2f;
			if (!n.number().isEmpty()) {
				centred(n.number(), BODY, Color.BLACK, false);
			}
			y -= 4 * MM;
			out.setStrokingColor(RED);
			out.setLineWidth(1.5f);
			out.moveTo(LEFT, y);
			out.lineTo(RIGHT, y);
			out.stroke();
			y -= LINE * 0.6f;
			for (String line : wrap(n.title(), TITLE, RIGHT - LEFT)) {
				y -= LINE * 1.1f;
				centred(line, TITLE, Color.BLACK, true);
			}
			y -= LINE * 0.5f;
			if (n.addressee() != null) {
				line(n.addressee() + ADDRESSEE_END, 0);
			}
			for (String paragraph : n.paragraphs()) {
				List<String> lines = wrapIndented(paragraph);
				for (int i = 0; i < lines.size(); i++) {
					line(lines.get(i), i == 0 ? 2 * BODY : 0);
				}
			}
			// 署名 and 成文日期: keep together; the date four characters from the right, the unit centred over it
			float needed = 3.5f * LINE + (n.disclosure() == null ? 0 : LINE);
			if (y - needed < BOTTOM) {
				newPage();
			}
			y -= 1.5f * LINE;
			float dateWidth = width(n.date(), BODY);
			float dateRight = RIGHT - 4 * BODY;
			float centre = dateRight - dateWidth / 2;
			float unitWidth = width(n.issuingUnit(), BODY);
			float unitX = Math.min(centre - unitWidth / 2, RIGHT - unitWidth);
			text(n.issuingUnit(), Math.max(LEFT, unitX), y, BODY, Color.BLACK, false);
			y -= LINE;
			text(n.date(), dateRight - dateWidth, y, BODY, Color.BLACK, false);
			if (n.disclosure() != null) {
				line(n.disclosure(), 2 * BODY);
			}
			out.close();
		}

		private List<String> wrapIndented(String paragraph) {
			// the first line is two characters shorter (首行缩进二字)
			List<String> lines = new ArrayList<>();
			String rest = paragraph;
			float width = RIGHT - LEFT - 2 * BODY;
			while (!rest.isEmpty()) {
				int cut = fit(rest, BODY, width);
				lines.add(rest.substring(0, cut));
				rest = rest.substring(cut);
				width = RIGHT - LEFT;
			}
			return lines;
		}

		private List<String> wrap(String text, float size, float width) {
			List<String> lines = new ArrayList<>();
			String rest = text;
			while (!rest.isEmpty()) {
				int cut = fit(rest, size, width);
				lines.add(rest.substring(0, cut));
				rest = rest.substring(cut);
			}
			return lines;
		}

		/** How many chars of {@code text} fit in {@code width}, keeping a closing mark off the next line. */
		private int fit(String text, float size, float width) {
			int end = 0;
			float used = 0;
			while (end < text.length()) {
				int cp = text.codePointAt(end);
				float w = width(new String(Character.toChars(cp)), size);
				if (used + w > width && end > 0) {
					break;
				}
				used += w;
				end += Character.charCount(cp);
			}
			while (end < text.length() && NO_LINE_START.indexOf(text.charAt(end)) >= 0) {
				end++;
			}
			// a Latin word or number (CT, 320) moves whole to the next line unless it fills a line by itself
			int start = end;
			while (start > 0 && end < text.length() && latin(text.charAt(end)) && latin(text.charAt(start - 1))) {
				start--;
			}
			return start > 0 && start < end ? start : end;
		}

		private static boolean latin(char c) {
			return c < 0x80 && Character.isLetterOrDigit(c);
		}

		private void line(String text, float indent) throws IOException {
			if (y - LINE < BOTTOM) {
				newPage();
			}
			y -= LINE;
			text(text, LEFT + indent, y, BODY, Color.BLACK, false);
		}

		private void centred(String text, float size, Color colour, boolean bold) throws IOException {
			text(text, (LEFT + RIGHT - width(text, size)) / 2, y, size, colour, bold);
		}

		private void text(String text, float x, float baseline, float size, Color colour, boolean bold)
				throws IOException {
			out.beginText();
			out.setFont(font, size);
			out.setNonStrokingColor(colour);
			if (bold) {
				out.setStrokingColor(colour);
				out.setLineWidth(size / 30);
				out.setRenderingMode(RenderingMode.FILL_STROKE);
			}
			else {
				out.setRenderingMode(RenderingMode.FILL);
			}
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

		private void newPage() throws IOException {
			if (out != null) {
				out.close();
			}
			PDPage page = new PDPage(PAGE);
			doc.addPage(page);
			out = new PDPageContentStream(doc, page);
			pageNumber++;
			String folio = "— " + pageNumber + " —"; // characters of FOLIO
			text(folio, (LEFT + RIGHT - width(folio, 14)) / 2, BOTTOM - 12 * MM, 14, Color.BLACK, false);
			y = TOP;
		}
	}
}
