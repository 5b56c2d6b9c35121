package org.xinfang.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import org.xinfang.calendar.PeriodUnit;
import org.xinfang.intake.Channel;
import org.xinfang.intake.Deadline;
import org.xinfang.intake.DeadlineState;
import org.xinfang.intake.Kind;
import org.xinfang.intake.MatterPage;
import org.xinfang.intake.MatterStatus;
import org.xinfang.support.XinfangTest;

/**
 * The rows of the staff table of matters ({@code fragments/matters.html}, the matter list and the work queues) are
 * written by {@link MatterRowsDialect} in one pass; they must be what the template wrote row by row before
 * (kept as {@code templates/test/matters-by-thymeleaf.html}): the same bytes for every kind of row, in both
 * languages, below a context path.
 */
@XinfangTest
class MatterRowsDialectTests {

	static final LocalDate DAY = LocalDate.of(2026, 3, 2);

	@Autowired
	ITemplateEngine templates;

	@Test
	void theRowsAreWhatTheTemplateWroteRowByRowInBothLanguages() {
		MatterPage page = new MatterPage(rows(), 0, 25, 1000, false);
		for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
			String before = render("test/matters-by-thymeleaf", page, locale);
			String after = render("fragments/matters", page, locale);
			assertThat(after).isEqualTo(before);
		}
		String chinese = render("fragments/matters", page, Locale.SIMPLIFIED_CHINESE);
		assertThat(chinese).contains("<td>来信</td>", "<span>待定</span>", "href=\"/xf/staff/matters/1\"",
				"<small>×3</small>", "title=\"2027 年节假日数据尚未录入 &lt;待定&gt;\"", "&lt;b&gt;停车&amp;收费&quot;&#39;",
				"<td class=\"state-OVERDUE\">").doesNotContain("??");
		String english = render("fragments/matters", page, Locale.ENGLISH);
		assertThat(english).contains("<td>Letter</td>", "<span>Pending</span>").doesNotContain("??");
	}

	@Test
	void anEmptyPageShowsNoTable() {
		MatterPage page = new MatterPage(List.of(), 0, 25, 0);
		String after = render("fragments/matters", page, Locale.SIMPLIFIED_CHINESE);
		assertThat(after).isEqualTo(render("test/matters-by-thymeleaf", page, Locale.SIMPLIFIED_CHINESE))
			.doesNotContain("<table");
	}

	/** Every channel, kind and deadline state; repeats; no deadline; a pending one with and without a note. */
	private static List<MatterPage.Summary> rows() {
		List<MatterPage.Summary> rows = new ArrayList<>();
		Deadline.Pending pending = new Deadline.Pending(DAY, 60, PeriodUnit.WORKING_DAYS, 1, 2027,
				"2027 年节假日数据尚未录入 <待定>");
		List<Deadline> deadlines = new ArrayList<>();
		for (DeadlineState state : DeadlineState.values()) {
			deadlines.add(new Deadline("HANDLING", "办理期限", state == DeadlineState.PENDING ? null : DAY.plusDays(30),
					state == DeadlineState.MET ? DAY : null, state, state == DeadlineState.PENDING ? pending : null));
		}
		deadlines.add(new Deadline("TRIAGE", "登记期限", null, null, DeadlineState.PENDING,
				new Deadline.Pending(DAY, 15, PeriodUnit.CALENDAR_DAYS, 0, null, null)));
		deadlines.add(null);
		int id = 1;
		for (Channel channel : Channel.values()) {
			for (Kind kind : Kind.values()) {
				Deadline deadline = deadlines.get(id % deadlines.size());
				boolean masked = id % 5 == 0;
				rows.add(new MatterPage.Summary(id, "XF2026" + id, channel, kind, MatterStatus.values()[id
						% MatterStatus.values().length], "状态 " + id, id == 2 ? "<b>停车&收费\"'" : "门诊收费问题 " + id,
						DAY.minusDays(id), "县人民医院", id % 3 == 0 ? null : "县卫生健康局", masked ? "***" : "张三",
						masked ? null : "3301**********1234", 1, id % 4 == 1 ? 2 : 0, deadline, masked));
				id++;
			}
		}
		return rows;
	}

	private String render(String template, MatterPage page, Locale locale) {
		MockServletContext servletContext = new MockServletContext();
		MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", "/xf/staff/matters");
		request.setContextPath("/xf");
		WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
			.buildExchange(request, new MockHttpServletResponse()), locale,
				Map.of("page", page, "tableId", "matters"));
		return templates.process(template, Set.of("table"), context);
	}
}
