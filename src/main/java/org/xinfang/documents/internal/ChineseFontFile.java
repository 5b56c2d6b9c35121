package org.xinfang.documents.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
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

	static final int IDLE_FONTS = 4;

	ChineseFontFile(@Value("${xinfang.documents.font}") String fontFile,
			@Value("${xinfang.documents.font-name:}") String fontName) {
		this.fontFile = Path.of(fontFile);
		this.fontName = fontName;
	}

	@Override
	public byte[] render(Drawing drawing) {
		FontHandle handle = null;
		boolean reusable = false;
		try (PDDocument doc = new PDDocument()) {
			handle = borrow();
			PDType0Font font = PDType0Font.load(doc, handle.font(), true);
			drawing.draw(doc, font);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			doc.save(out);
			reusable = true;
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not render a PDF", ex);
		}
		finally {
			giveBack(handle, reusable);
		}
	}

	private FontHandle borrow() throws IOException {
		FontHandle handle = idle.pollFirst();
		return handle != null ? handle : open();
	}

	/** Keeps the font for the next document, unless rendering failed or enough are kept already. */
	private void giveBack(FontHandle handle, boolean reusable) {
		if (handle == null) {
			return;
		}
		if (reusable && idle.size() < IDLE_FONTS) {
			idle.offerFirst(handle);
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
