package org.xinfang.documents.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.xinfang.documents.ChinesePdf;

/**
 * The Chinese font of every PDF the application writes: a TrueType font with glyf outlines
 * ({@code xinfang.documents.font}, a {@code .ttf} or a {@code .ttc} with {@code xinfang.documents.font-name}),
 * embedded as a subset of the glyphs used, so the PDF shows the same text on every reader and stays small.
 * PDFBox cannot subset CFF-outline fonts (Noto CJK, Source Han), hence the Debian package
 * {@code fonts-arphic-uming} (AR PL UMing, a Ming/Song face).
 */
@Component
class ChineseFontFile implements ChinesePdf {

	private final Path fontFile;

	private final String fontName;

	/**
	 * Parsed fonts not in use. Parsing the font (AR PL UMing, a 20 MB collection) took a third of the CPU of a
	 * lifecycle in benchmark B1 (BENCHMARKS.md); a parsed font is not safe to share between threads, so each
	 * document borrows one for itself and gives it back, and at most {@link #IDLE_FONTS} are kept.
	 */
	private final Deque<FontHandle> idle = new ConcurrentLinkedDeque<>();

	/**
	 * The same for the common set ({@link #commonFontBytes()}): PDFBox builds its width and glyph tables over every
	 * glyph of the font for each document (a third of a PDF's CPU in B1); a document in common characters is
	 * rendered with the common set's ~7,700 glyphs instead, and only a document with a character outside it
	 * with the whole font.
	 */
	private final Deque<FontHandle> idleCommon = new ConcurrentLinkedDeque<>();

	private volatile byte[] commonFont;

	static final int IDLE_FONTS = 4;

	/**
	 * The tables a cut-out font keeps: the outlines, metrics and names; not the bitmaps (EBDT), vertical metrics,
	 * nor the glyph substitutions (GSUB), which PDFBox would otherwise run over every line of Chinese text.
	 */
	private static final List<String> TABLES = List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx",
			"fpgm", "gasp", "name", "OS/2", "post", "cmap");

	ChineseFontFile(@Value("${xinfang.documents.font}") String fontFile,
			@Value("${xinfang.documents.font-name:}") String fontName) {
		this.fontFile = Path.of(fontFile);
		this.fontName = fontName;
	}

	@Override
	public byte[] render(Drawing drawing) {
		try {
			return render(drawing, true);
		}
		catch (MissingGlyph ex) {
			// a character outside the common set (a rare character of a name, say): the whole font
			return render(drawing, false);
		}
	}

	@Override
	public byte[] render(CharSequence characters, Drawing drawing) {
		byte[] cut;
		try {
			cut = cut(characters);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not cut the font for a PDF", ex);
		}
		if (cut == null) {
			return render(drawing);
		}
		try (PDDocument doc = new PDDocument();
				TrueTypeFont font = new TTFParser(true).parse(new RandomAccessReadBuffer(cut))) {
			// the font is the subset already: embedded as it is, PDFBox builds its tables over the declared
			// characters' glyphs instead of the common set's ~7,700 (BENCHMARKS.md, Causes and fixes 39)
			PDType0Font pdfFont = PDType0Font.load(doc, font, false);
			try {
				drawing.draw(doc, pdfFont);
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				// a character the caller did not declare ("No glyph for …"): the general way
				return render(drawing);
			}
			return save(doc);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not render a PDF", ex);
		}
	}

	/**
	 * The common set cut down to {@code characters} (and the glyphs their outlines refer to), as a font file whose
	 * PostScript name carries a subset tag (ABCDEF+…) derived from the characters; {@code null} when one of them
	 * is outside the common set.
	 */
	private byte[] cut(CharSequence characters) throws IOException {
		FontHandle handle = borrow(true);
		boolean reusable = false;
		try {
			TrueTypeFont common = handle.font();
			var cmap = common.getUnicodeCmapLookup();
			TTFSubsetter subsetter = new TTFSubsetter(common, TABLES);
			int[] points = characters.codePoints().filter(c -> !Character.isISOControl(c)).sorted().distinct().toArray();
			for (int c : points) {
				if (cmap.getGlyphId(c) == 0) {
					reusable = true;
					return null;
				}
				subsetter.add(c);
			}
			subsetter.add(' ');
			subsetter.setPrefix(tag(points) + "+");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			subsetter.writeToStream(out);
			reusable = true;
			return out.toByteArray();
		}
		finally {
			giveBack(idleCommon, handle, reusable);
		}
	}

	/** Six capital letters from the characters, as PDF subset fonts are named (ISO 32000-1, 9.6.4). */
	private static String tag(int[] points) {
		long hash = Arrays.hashCode(points) & 0xffffffffL;
		char[] tag = new char[6];
		for (int i = 0; i < tag.length; i++) {
			tag[i] = (char) ('A' + hash % 26);
			hash /= 26;
		}
		return new String(tag);
	}

	private static byte[] save(PDDocument doc) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		// without object streams: packing the few small objects of a notice into compressed object streams cost
		// 3 % of a lifecycle's CPU in benchmark B1 (BENCHMARKS.md, Causes and fixes 36); a notice is ~700 bytes (2 %)
		// larger
		doc.save(out, CompressParameters.NO_COMPRESSION);
		return out.toByteArray();
	}

	private byte[] render(Drawing drawing, boolean common) {
		Deque<FontHandle> pool = common ? idleCommon : idle;
		FontHandle handle = null;
		boolean reusable = false;
		try (PDDocument doc = new PDDocument()) {
			handle = borrow(common);
			PDType0Font font = PDType0Font.load(doc, handle.font(), true);
			try {
				drawing.draw(doc, font);
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				// PDFBox's answers to a character the font lacks ("No glyph for …", "could not find the glyphId
				// …"); any other such failure recurs with the whole font and is thrown from there
				if (common) {
					reusable = true;
					throw new MissingGlyph();
				}
				throw ex;
			}
			byte[] bytes = save(doc);
			reusable = true;
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not render a PDF", ex);
		}
		finally {
			giveBack(pool, handle, reusable);
		}
	}

	/** The document uses a character the common set lacks. */
	private static final class MissingGlyph extends RuntimeException {

		MissingGlyph() {
			super(null, null, false, false);
		}
	}

	private FontHandle borrow(boolean common) throws IOException {
		FontHandle handle = (common ? idleCommon : idle).pollFirst();
		if (handle != null) {
			return handle;
		}
		if (!common) {
			return open();
		}
		TrueTypeFont font = new TTFParser(true).parse(new RandomAccessReadBuffer(commonFontBytes()));
		return new FontHandle(font, font);
	}

	/**
	 * The common set cut out of the font once, as a font file of its own: ASCII and Latin-1, general punctuation,
	 * the CJK symbols and full-width forms, and every character of GB 2312 (its 6,763 hanzi and its symbols).
	 */
	private byte[] commonFontBytes() throws IOException {
		byte[] bytes = commonFont;
		if (bytes != null) {
			return bytes;
		}
		synchronized (this) {
			if (commonFont == null) {
				try (FontHandle full = open()) {
					TTFSubsetter subsetter = new TTFSubsetter(full.font(), TABLES);
					for (int c = 0x20; c <= 0xFF; c++) {
						subsetter.add(c);
					}
					for (int c = 0x2000; c <= 0x206F; c++) {
						subsetter.add(c);
					}
					for (int c = 0x3000; c <= 0x303F; c++) {
						subsetter.add(c);
					}
					for (int c = 0xFF00; c <= 0xFFEF; c++) {
						subsetter.add(c);
					}
					Charset gb2312 = Charset.forName("GB2312");
					for (int high = 0xA1; high <= 0xF7; high++) {
						for (int low = 0xA1; low <= 0xFE; low++) {
							String decoded = new String(new byte[] { (byte) high, (byte) low }, gb2312);
							if (decoded.length() == 1 && decoded.charAt(0) != '\uFFFD') {
								subsetter.add(decoded.charAt(0));
							}
						}
					}
					ByteArrayOutputStream out = new ByteArrayOutputStream();
					subsetter.writeToStream(out);
					commonFont = out.toByteArray();
				}
			}
			return commonFont;
		}
	}

	/** Keeps the font for the next document, unless rendering failed or enough are kept already. */
	private void giveBack(Deque<FontHandle> pool, FontHandle handle, boolean reusable) {
		if (handle == null) {
			return;
		}
		if (reusable && pool.size() < IDLE_FONTS) {
			pool.offerFirst(handle);
			return;
		}
		try {
			handle.close();
		}
		catch (IOException ex) {
			// a font file that will not close leaks one handle; the document itself is done
		}
	}

	/** A parsed font and whatever must stay open while the document uses it. */
	record FontHandle(TrueTypeFont font, AutoCloseable owner) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			try {
				owner.close();
			}
			catch (IOException | RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IOException(ex);
			}
		}
	}

	/** Parses the font: a parsed font is not safe to share between threads (see {@link #idle}). */
	private FontHandle open() throws IOException {
		if (!Files.isReadable(fontFile)) {
			throw new IllegalStateException("The Chinese font for official documents is missing: " + fontFile
					+ ". Install the Debian package fonts-arphic-uming or set xinfang.documents.font to a "
					+ "TrueType (.ttf/.ttc) font with Chinese glyphs.");
		}
		if (fontFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
			TrueTypeCollection collection = new TrueTypeCollection(fontFile.toFile());
			TrueTypeFont font = fontName.isBlank() ? firstOf(collection) : collection.getFontByName(fontName);
			if (font == null) {
				collection.close();
				throw new IllegalStateException("Font " + fontName + " not found in " + fontFile
						+ "; set xinfang.documents.font-name");
			}
			return new FontHandle(font, collection);
		}
		TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(fontFile.toFile()));
		return new FontHandle(font, font);
	}

	private static TrueTypeFont firstOf(TrueTypeCollection collection) throws IOException {
		TrueTypeFont[] first = new TrueTypeFont[1];
		collection.processAllFonts(f -> {
			if (first[0] == null) {
				first[0] = f;
			}
		});
		return first[0];
	}
}
