package org.xinfang.documents;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Renders a PDF with the Chinese font that official documents embed ({@code xinfang.documents.font}), so that
 * every module's PDFs (notices, bulletins, letters) use one font, loaded one way and embedded as a subset of the
 * glyphs used. The caller lays out the pages; this opens the font, hands it over, saves and closes.
 */
public interface ChinesePdf {

	/** A new document with the font loaded into it, saved to bytes once {@code drawing} returns. */
	byte[] render(Drawing drawing);

	/**
	 * The same, for a caller that knows every character the drawing will show: the font is cut down to those
	 * characters before the document is drawn, which costs a fraction of what subsetting the whole font on saving
	 * does. A character the drawing shows but {@code characters} lacks is no error: the document is then rendered
	 * as {@link #render(Drawing)} renders it.
	 */
	byte[] render(CharSequence characters, Drawing drawing);

	@FunctionalInterface
	interface Drawing {

		void draw(PDDocument document, PDType0Font font) throws IOException;
	}
}
