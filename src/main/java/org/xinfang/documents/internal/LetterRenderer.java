package org.xinfang.documents.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.xinfang.documents.OfficialLetters;

/** {@link OfficialLetters} on the renderer and the number prefixes of the notices. */
@Component
class LetterRenderer implements OfficialLetters {

	private final NoticeRenderer renderer;

	private final JdbcClient jdbc;

	LetterRenderer(NoticeRenderer renderer, JdbcClient jdbc) {
		this.renderer = renderer;
		this.jdbc = jdbc;
	}

	@Override
	public byte[] render(Letter letter) {
		return renderer.render(new Notice(letter.issuingUnit(), letter.number(), letter.title(), letter.addressee(),
				letter.paragraphs(), NoticeTexts.chineseDate(letter.date()), null));
	}

	@Override
	public String numberPrefix(long unitId) {
		return jdbc.sql("""
				SELECT coalesce(p.prefix, u.code) FROM unit u LEFT JOIN document_prefix p ON p.unit_id = u.id
				WHERE u.id = :u""")
			.param("u", unitId)
			.query(String.class)
			.single();
	}
}
