package org.xinfang.documents.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.xinfang.documents.DocumentRequest;
import org.xinfang.documents.DocumentType;
import org.xinfang.platform.FieldProblem;
import org.xinfang.platform.InvalidInput;

/**
 * The wording of each notice, and the check that a request carries what its wording needs. Every problem is
 * named in one answer; field problems as {@code fields.<name>}.
 *
 * <p>Periods quoted to the petitioner (the 30 days to request a review or re-review, Regulation Art. 35 and
 * 36) come in with the request when they differ from the Regulation's; due dates are computed by the caller
 * from the period rules and passed in, never counted here.
 */
@Component
class NoticeTexts {

	static final int MAX_FIELD = 4000;

	private final MessageSource messages;

	NoticeTexts(MessageSource messages) {
		this.messages = messages;
	}

	/** The checked request's body paragraphs; throws {@link InvalidInput} naming every bad field. */
	List<String> body(DocumentRequest r) {
		List<FieldProblem> problems = new ArrayList<>();
		if (r.type() == null) {
			problems.add(problem("type", "required"));
			throw new InvalidInput(problems);
		}
		if (blank(r.issuingUnitCode())) {
			problems.add(problem("issuingUnitCode", "required"));
		}
		if (blank(r.addressee())) {
			problems.add(problem("addressee", "required"));
		}
		if (blank(r.matterTitle())) {
			problems.add(problem("matterTitle", "required"));
		}
		if (r.issuedOn() == null) {
			problems.add(problem("issuedOn", "required"));
		}
		Fields f = new Fields(r.fields(), problems);
		r.type().requiredFields().forEach(f::require);
		f.choice("disclosure", List.of("PUBLIC", "NOT_PUBLIC"), false);
		List<String> body = compose(r.type(), r.matterTitle() == null ? "" : r.matterTitle().strip(), f);
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		return body;
	}

	/** 此件公开 / 此件不公开, or null when the request says nothing. */
	static String disclosure(DocumentRequest r) {
		String value = r.fields().get("disclosure");
		if (value == null || value.isBlank()) {
			return null;
		}
		return "PUBLIC".equals(value.strip()) ? "（此件公开）" : "（此件不公开）";
	}

	/** 2026年11月22日: Arabic numerals, year, month and day in full (GB/T 9704-2012 §7.3.5.3). */
	static String chineseDate(LocalDate date) {
		return org.xinfang.documents.OfficialLetters.chineseDate(date);
	}

	private List<String> compose(DocumentType type, String title, Fields f) {
		String matter = "关于“" + title + "”的信访事项";
		List<String> p = new ArrayList<>();
		switch (type) {
			case ACCEPTANCE_NOTICE -> {
				p.add("你于" + f.date("receivedOn") + "提出的" + matter + "，本机关已收悉。经审查，该事项属于本机关职权范围，"
						+ "依照《信访工作条例》有关规定，决定予以受理。");
				String when = f.either("dueOn", "handlingDays")
					? "于" + f.date("dueOn") + "前"
					: "自受理之日起" + f.days("handlingDays") + "日内";
				p.add("本机关将依法办理，并" + when + "向你出具书面处理意见。办理期间，你可以凭查询码查询办理进展。");
				p.add("特此告知。");
			}
			case NON_ACCEPTANCE_NOTICE -> {
				p.add("你于" + f.date("receivedOn") + "提出的" + matter + "，本机关已收悉。经审查，" + f.text("reason")
						+ "，依照《信访工作条例》有关规定，决定不予受理。");
				f.optional("route").ifPresent(p::add);
				p.add("特此告知。");
			}
			case NO_FURTHER_ACCEPTANCE_NOTICE -> {
				String prior = f.optional("priorDocument").map(d -> "该事项已由" + d + "作出复核意见。").orElse("");
				p.add("你于" + f.date("receivedOn") + "提出的" + matter + "，本机关已收悉。经审查，" + f.text("reason") + "。"
						+ prior);
				p.add(FINALITY + "本机关决定对该信访事项不再受理。");
				p.add("特此告知。");
			}
			case EXTENSION_NOTICE -> {
				p.add("你反映的" + matter + "，因" + f.text("reason") + "，不能在规定期限内办结。经本机关负责人批准，依照《信访工作条例》"
						+ "第三十四条规定，办理期限"
						+ (f.either("newDueOn", "extensionDays") ? "延长至" + f.date("newDueOn")
								: "延长" + f.days("extensionDays") + "日")
						+ "。");
				p.add("特此告知。");
			}
			case HANDLING_OPINION -> {
				p.add("你反映的" + matter + "，本机关已依法受理并办理。现将处理意见告知如下：");
				p.addAll(f.paragraphs("text"));
				p.add("处理结论：" + f.label("outcome", HANDLING_OUTCOMES) + "。");
				p.add("如对本处理意见不服，可以自收到本意见书之日起" + f.days("requestDays") + "日内，向" + f.text("reviewBody")
						+ "书面提出复查请求。");
			}
			case REVIEW_OPINION -> {
				p.add("你对" + f.optional("priorDocument").orElse("原处理意见") + "不服，就" + matter + "提出复查请求。本机关经审查，"
						+ "现提出复查意见如下：");
				p.addAll(f.paragraphs("text"));
				p.add("复查结论：" + f.label("outcome", REVIEW_OUTCOMES) + "。");
				p.add("如对本复查意见不服，可以自收到本意见书之日起" + f.days("requestDays") + "日内，向" + f.text("rereviewBody")
						+ "书面提出复核请求。");
			}
			case REREVIEW_OPINION -> {
				p.add("你对" + f.optional("priorDocument").orElse("复查意见") + "不服，就" + matter + "提出复核请求。本机关经审查，"
						+ "现提出复核意见如下：");
				p.addAll(f.paragraphs("text"));
				p.add("复核结论：" + f.label("outcome", REVIEW_OUTCOMES) + "。");
				p.add("本复核意见为终结意见。" + FINALITY);
			}
		}
		return p;
	}

	/** Regulation Art. 36: after re-review the same facts and reasons are not accepted again. */
	static final String FINALITY = "依照《信访工作条例》第三十六条规定，信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，"
			+ "各级机关、单位不再受理。";

	static final Map<String, String> HANDLING_OUTCOMES = Map.of("SUPPORTED", "支持", "PARTLY_SUPPORTED", "部分支持",
			"NOT_SUPPORTED", "不予支持", "EXPLAINED", "解释说明");

	static final Map<String, String> REVIEW_OUTCOMES = Map.of("UPHOLD", "维持原意见", "CHANGE", "变更原意见", "REDO",
			"撤销原意见，责成重新办理");

	/** Default period to request a review or re-review, quoted from Regulation Art. 35 and 36. */
	static final int DEFAULT_REQUEST_DAYS = 30;

	private FieldProblem problem(String field, String reason, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return new FieldProblem(field, messages.getMessage("documents.invalid." + reason, args, reason, locale));
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	/** Reads the type's fields, noting each problem once and answering a placeholder so wording goes on. */
	private final class Fields {

		private final Map<String, String> values;

		private final List<FieldProblem> problems;

		Fields(Map<String, String> values, List<FieldProblem> problems) {
			this.values = values;
			this.problems = problems;
		}

		void require(String name) {
			if (blank(values.get(name))) {
				problems.add(problem("fields." + name, "required"));
			}
		}

		/**
		 * One of two alternatives is required: true when the first is given (it wins), false for the
		 * second; when neither is, the first is named as the missing field.
		 */
		boolean either(String first, String second) {
			if (!blank(values.get(first))) {
				return true;
			}
			if (blank(values.get(second))) {
				problems.add(problem("fields." + first, "required"));
				return true;
			}
			return false;
		}

		java.util.Optional<String> optional(String name) {
			String v = values.get(name);
			return blank(v) ? java.util.Optional.empty() : java.util.Optional.of(check(name, v.strip()));
		}

		String text(String name) {
			return optional(name).orElse("");
		}

		List<String> paragraphs(String name) {
			return Arrays.stream(text(name).split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		}

		String date(String name) {
			String v = text(name);
			if (v.isEmpty()) {
				return "";
			}
			try {
				return chineseDate(LocalDate.parse(v));
			}
			catch (DateTimeParseException ex) {
				problems.add(problem("fields." + name, "date"));
				return v;
			}
		}

		String days(String name) {
			String v = text(name);
			if (v.isEmpty()) {
				return String.valueOf(DEFAULT_REQUEST_DAYS);
			}
			if (!v.matches("[1-9][0-9]{0,2}")) {
				problems.add(problem("fields." + name, "days"));
			}
			return v;
		}

		String label(String name, Map<String, String> labels) {
			String v = text(name);
			if (!v.isEmpty() && !labels.containsKey(v)) {
				problems.add(problem("fields." + name, "choice", String.join(", ", labels.keySet().stream().sorted().toList())));
			}
			return labels.getOrDefault(v, v);
		}

		void choice(String name, List<String> allowed, boolean required) {
			String v = text(name);
			if (v.isEmpty() ? required : !allowed.contains(v)) {
				problems.add(problem("fields." + name, "choice", String.join(", ", allowed)));
			}
		}

		private String check(String name, String v) {
			if (v.length() > MAX_FIELD) {
				problems.add(problem("fields." + name, "too-long", MAX_FIELD));
			}
			return v;
		}
	}
}
