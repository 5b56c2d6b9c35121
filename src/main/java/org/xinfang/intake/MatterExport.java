package org.xinfang.intake;

/**
 * The staff list of matters as an Excel workbook (.xlsx): the same filters, data scope and masking as
 * {@link MatterQueries#list(MatterFilter, MatterFilter.Sort, int, int)}. ID numbers are always masked, a
 * protected matter's petitioner is {@code ***} (PIPL: minimal display; DOMAIN §9), and every export is
 * audited ({@code MATTERS_EXPORTED}: who, the filters, the row count; entity {@code matter-export}, id the
 * user's name).
 */
public interface MatterExport {

	/** At most this many rows; a larger selection is refused (422 {@code export-too-large}): narrow it. */
	int MAX_ROWS = 5000;

	Workbook xlsx(MatterFilter filter, MatterFilter.Sort sort);

	record Workbook(String filename, byte[] content, int rows) {
	}
}
