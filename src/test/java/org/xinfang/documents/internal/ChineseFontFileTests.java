package org.xinfang.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.xinfang.documents.ChinesePdf;

/**
 * Documents in common characters are rendered with the common set cut out of the font; a character outside it
 * (here 喆 and 堃, which GB 2312 lacks) sends the document to the whole font, and both come out as written.
 */
class ChineseFontFileTests {

	private final ChineseFontFile fonts = new ChineseFontFile("/usr/share/fonts/truetype/arphic/uming.ttc", "UMingCN");

	@Test
	void commonAndRareCharactersAreBothWritten() throws IOException {
		String common = "信访事项受理告知书：张三，您于2026年11月22日反映的问题（编号A-1），已受理。";
		String rare = "王喆、李堃：您反映的问题已受理。";
		for (String text : new String[] { common, rare, common }) {
			byte[] pdf = fonts.render(line(text));
			try (PDDocument doc = Loader.loadPDF(pdf)) {
				assertThat(new PDFTextStripper().getText(doc).strip()).isEqualTo(text);
				// the embedded font is a subset of what the page uses, whichever set it came from
				assertThat(pdf.length).isLessThan(60_000);
			}
		}
	}

	/**
	 * A caller that declares its characters gets a font cut down to them: embedded whole, a few glyphs, named as a
	 * subset; an undeclared or a rare character still comes out, by the general way.
	 */
	@Test
	void aDocumentOfDeclaredCharactersEmbedsJustThose() throws IOException {
		String text = "信访事项受理告知书：张三，您反映的问题已受理。";
		byte[] pdf = fonts.render(text, line(text));
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			assertThat(new PDFTextStripper().getText(doc).strip()).isEqualTo(text);
			PDType0Font font = (PDType0Font) doc.getPage(0).getResources()
				.getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
			assertThat(font.isEmbedded()).isTrue();
			assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
			TrueTypeFont embedded = ((PDCIDFontType2) font.getDescendantFont()).getTrueTypeFont();
			// the distinct characters, the space and the missing-glyph outline: nothing of the common set's ~7,700
			assertThat(embedded.getNumberOfGlyphs()).isBetween((int) text.chars().distinct().count(), 40);
		}
		for (String[] declaredAndShown : new String[][] { { "您反映的问题", "您反映的问题已受理。" },
				{ "王喆、李堃：您反映的问题已受理。", "王喆、李堃：您反映的问题已受理。" } }) {
			byte[] other = fonts.render(declaredAndShown[0], line(declaredAndShown[1]));
			try (PDDocument doc = Loader.loadPDF(other)) {
				assertThat(new PDFTextStripper().getText(doc).strip()).isEqualTo(declaredAndShown[1]);
			}
		}
	}

	/**
	 * A notice declares every character it shows ({@link NoticeRenderer#characters}), so it takes the cut font and
	 * not the fall-back: the cut font is embedded whole, its glyph ids being the CIDs ({@code /CIDToGIDMap
	 * /Identity}), where PDFBox's subset on saving keeps the common set's glyph ids and writes a map. A character the
	 * renderer writes but does not declare would send it the general way and fail here.
	 */
	@Test
	void aNoticeIsRenderedWithTheFontCutToItsCharacters() throws IOException {
		Notice notice = new Notice("黔东南州卫生健康委员会", "黔东南卫信受〔2026〕12号", "信访事项受理告知书", "王五",
				List.of("您于2026年11月20日来信反映的问题，符合受理条件，本机关决定受理。", "本机关将在六十日内办结并书面答复您。"),
				"2026年11月22日", "（此件依申请公开）");
		byte[] pdf = new NoticeRenderer(fonts, Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC))
			.render(notice);
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s", "")).contains("信访事项受理告知书", "王五：",
					"本机关将在六十日内办结并书面答复您。", "（此件依申请公开）", "—1—");
			PDType0Font font = (PDType0Font) doc.getPage(0).getResources()
				.getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
			TrueTypeFont embedded = ((PDCIDFontType2) font.getDescendantFont()).getTrueTypeFont();
			long declared = NoticeRenderer.characters(notice).codePoints().distinct().count();
			// the declared characters, the space and the missing-glyph outline
			assertThat(embedded.getNumberOfGlyphs()).isLessThanOrEqualTo((int) declared + 2);
			assertThat(font.getDescendantFont().getCOSObject().getDictionaryObject(COSName.CID_TO_GID_MAP))
				.isEqualTo(COSName.IDENTITY);
		}
	}

	private static ChinesePdf.Drawing line(String text) {
		return (PDDocument doc, PDType0Font font) -> {
			PDPage page = new PDPage();
			doc.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
				content.beginText();
				content.setFont(font, 12);
				content.newLineAtOffset(50, 700);
				content.showText(text);
				content.endText();
			}
		};
	}
}
