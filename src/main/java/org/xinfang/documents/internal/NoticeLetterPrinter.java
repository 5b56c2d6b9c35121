package org.xinfang.documents.internal;

import org.springframework.stereotype.Component;
import org.xinfang.documents.LetterPrinter;
import org.xinfang.documents.OfficialLetter;

/** Prints letters of other modules through the notices' renderer. */
@Component
class NoticeLetterPrinter implements LetterPrinter {

	private final NoticeRenderer renderer;

	NoticeLetterPrinter(NoticeRenderer renderer) {
		this.renderer = renderer;
	}

	@Override
	public byte[] print(OfficialLetter letter) {
		return renderer.render(new Notice(letter.issuingUnit(), letter.number() == null ? "" : letter.number(),
				letter.title(), letter.addressee(), letter.paragraphs(), letter.date(), null));
	}
}
