package org.xinfang.documents.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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

	ChineseFontFile(@Value("${xinfang.documents.font}") String fontFile,
			@Value("${xinfang.documents.font-name:}") String fontName) {
		this.fontFile = Path.of(fontFile);
		this.fontName = fontName;
	}

	@Override
	public byte[] render(Drawing drawing) {
		try (PDDocument doc = new PDDocument(); FontHandle handle = open()) {
			PDType0Font font = PDType0Font.load(doc, handle.font(), true);
			drawing.draw(doc, font);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not render a PDF", ex);
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

	/** Parses the font afresh for each document: a parsed font is not safe to share between threads. */
	FontHandle open() throws IOException {
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
