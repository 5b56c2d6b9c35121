package org.xinfang.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.xinfang.documents.OfficialLetters;
import org.xinfang.documents.OfficialLetters.Letter;
import org.xinfang.supervision.Accountability;
import org.xinfang.supervision.Accountability.Recommendation;
import org.xinfang.supervision.Interviews.Interview;
import org.xinfang.supervision.Interviews.Interviewee;
import org.xinfang.supervision.Interviews.Signature;
import org.xinfang.supervision.ProblemLists.Item;
import org.xinfang.supervision.ProblemLists.ProblemList;

/**
 * The wording of supervision's official documents — 约谈通知书, 约谈记录, 问题清单, 责任追究建议书 — printed by the
 * documents module's {@link OfficialLetters} in the layout of the notices. Like the notices' texts, the wording
 * is the Chinese of an official document whatever the reader's language. A document is rendered from the
 * stored record whenever asked for; its number is the record's: {@code 约〔2026〕7号} for interview 7 of 2026.
 */
@Component
class SupervisionLetters {

	private static final String[] NUMERALS = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

	private final OfficialLetters letters;

	private final Clock clock;

	SupervisionLetters(OfficialLetters letters, Clock clock) {
		this.letters = letters;
		this.clock = clock;
	}

	byte[] interviewNotice(Interview i) {
		List<String> p = new ArrayList<>();
		p.add("因" + strip(i.reason()) + "，根据信访工作责任制有关规定，经研究，决定对你单位" + interviewees(i)
				+ "进行约谈。");
		p.add("约谈时间：" + dateTime(i.scheduledAt()) + "。");
		p.add("约谈地点：" + i.place() + "。");
		if (!i.matters().isEmpty()) {
			p.add("约谈涉及信访事项（查询码）：" + codes(i.matters().stream().map(m -> m.trackingCode()).toList()) + "。");
		}
		p.add("约谈组成员：" + i.panel().stream().map(x -> x.displayName()).collect(Collectors.joining("、")) + "。");
		p.add("请被约谈人准时参加，如实说明有关情况，并提前准备书面情况说明。约谈后，你单位应于" + RECTIFICATION + "内报送书面整改报告。");
		return letters.render(new Letter(i.issuingUnit().name(), number("约", i.notifiedOn(), i.id()),
				"约谈通知书", i.unit().name(), p, i.notifiedOn()));
	}

	private static final String RECTIFICATION = "约谈之日起" + JdbcInterviews.RECTIFICATION_WORKING_DAYS + "个工作日";

	byte[] interviewRecord(Interview i) {
		List<String> p = new ArrayList<>();
		p.add("约谈时间：" + OfficialLetters.chineseDate(i.heldOn()) + "。约谈地点：" + i.place() + "。");
		p.add("约谈单位：" + i.issuingUnit().name() + "。被约谈单位：" + i.unit().name() + "。");
		p.add("约谈组成员：" + i.panel().stream().map(x -> x.displayName()).collect(Collectors.joining("、")) + "。");
		p.add("被约谈人：" + interviewees(i) + "。");
		p.add("约谈事由：" + strip(i.reason()) + "。");
		if (!i.matters().isEmpty()) {
			p.add("涉及信访事项（查询码）：" + codes(i.matters().stream().map(m -> m.trackingCode()).toList()) + "。");
		}
		p.add("约谈情况：" + i.minutes());
		p.add("整改承诺：" + i.commitments());
		p.add("整改报告期限：" + (i.rectificationDue() != null ? OfficialLetters.chineseDate(i.rectificationDue()) + "前"
				: RECTIFICATION + "（待录入" + i.dueMissingYear() + "年节假日数据后确定具体日期）") + "。");
		for (Signature s : i.signatures()) {
			p.add(("PANEL".equals(s.side()) ? "约谈人签名：" : "被约谈人签名：") + s.displayName() + "（" + dateTime(s.signedAt())
					+ (s.registeredBy().equals(s.username()) ? "" : "，由" + s.registeredBy() + "登记") + "）");
		}
		for (String u : i.unsigned()) {
			p.add("尚未签名：" + u);
		}
		return letters.render(new Letter(i.issuingUnit().name(), number("约记", i.heldOn(), i.id()), "约谈记录",
				null, p, i.heldOn()));
	}

	byte[] problemList(ProblemList list) {
		List<String> p = new ArrayList<>();
		p.add("经对你单位信访事项办理情况进行过程检查（" + strip(list.inspection()) + "），发现以下问题，现予交办。请逐项整改，"
				+ "于各项整改期限前报送整改情况。");
		for (Item item : list.items()) {
			p.add(numeral(item.seq()) + "、" + kind(item) + "：" + strip(item.problem()) + "。"
					+ (item.trackingCode() == null ? "" : "（涉及信访事项查询码：" + item.trackingCode() + "）")
					+ "整改要求：" + strip(item.requirement()) + "。整改期限：" + OfficialLetters.chineseDate(item.dueOn()) + "前。");
		}
		return letters.render(new Letter(list.issuingUnit().name(), number("督查", list.issuedOn(), list.id()),
				"问题清单", list.unit().name(), p, list.issuedOn()));
	}

	byte[] accountability(Recommendation r) {
		List<String> p = new ArrayList<>();
		p.add("经查，" + r.unit().name() + "在信访工作中存在以下问题：" + strip(r.grounds()) + "。");
		if (!r.officials().isEmpty()) {
			p.add("涉及人员：" + r.officials().stream().map(o -> o.displayName() + "（" + o.post() + "）")
				.collect(Collectors.joining("、")) + "。");
		}
		if (!r.matters().isEmpty()) {
			p.add("涉及信访事项（查询码）：" + codes(r.matters().stream().map(Accountability.MatterRef::trackingCode).toList()) + "。");
		}
		if (r.relatedRecords() != null) {
			p.add("相关记录：" + strip(r.relatedRecords()) + "。");
		}
		p.add("根据《信访工作条例》及信访工作责任制有关规定，建议" + switch (r.type()) {
			case IMPROVE_WORK -> "责令该单位改进工作";
			case IMPROVE_POLICY -> "有关单位完善相关政策";
			case DISCIPLINE -> "依规依纪依法对有关责任人员追责问责";
		} + "（" + typeName(r.type()) + "）。请依职责处理，并将处理结果书面反馈我单位。");
		return letters.render(new Letter(r.issuingUnit().name(), number("责追", r.sentOn(), r.id()), "责任追究建议书",
				r.competentBody(), p, r.sentOn()));
	}

	static String typeName(Accountability.Type type) {
		return switch (type) {
			case IMPROVE_WORK -> "改进工作";
			case IMPROVE_POLICY -> "完善政策";
			case DISCIPLINE -> "追责问责";
		};
	}

	private static String kind(Item item) {
		return switch (item.kind()) {
			case IRREGULAR -> "办理不规范";
			case LATE -> "办理不及时";
			case INCOMPLETE -> "办理不到位";
		};
	}

	private static String interviewees(Interview i) {
		return i.interviewees().stream().map(x -> post(x) + x.displayName()).collect(Collectors.joining("、"));
	}

	private static String post(Interviewee x) {
		return switch (x.post()) {
			case PRINCIPAL -> "主要负责人";
			case DEPUTY -> "分管负责人";
			case OWNING_LEADER -> "包案领导";
		};
	}

	private String dateTime(OffsetDateTime at) {
		ZonedDateTime t = at.atZoneSameInstant(clock.getZone());
		return OfficialLetters.chineseDate(t.toLocalDate()) + t.getHour() + "时" + String.format("%02d", t.getMinute()) + "分";
	}

	private static String number(String mark, LocalDate date, long id) {
		return mark + "〔" + date.getYear() + "〕" + id + "号";
	}

	private static String numeral(int n) {
		return n >= 1 && n <= NUMERALS.length ? NUMERALS[n - 1] : String.valueOf(n);
	}

	private static String codes(List<String> codes) {
		return String.join("、", codes);
	}

	/** Without a closing full stop, since the sentence adds its own. */
	private static String strip(String text) {
		String t = text.strip();
		while (t.endsWith("。") || t.endsWith(".")) {
			t = t.substring(0, t.length() - 1);
		}
		return t;
	}
}
