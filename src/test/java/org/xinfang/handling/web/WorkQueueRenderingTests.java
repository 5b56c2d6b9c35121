package org.xinfang.handling.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.ExtendedModelMap;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import org.xinfang.intake.Channel;
import org.xinfang.intake.Kind;
import org.xinfang.intake.MatterPage;
import org.xinfang.intake.MatterStatus;
import org.xinfang.support.XinfangTest;

/**
 * The work queue page and the staff header of every staff page are rendered without SpEL method calls (the pager's
 * values from {@link WorkQueuePages}, the signed-in check and the user's name from the staff navigation's dialect);
 * they must be what the templates wrote before (kept as {@code templates/test/queue-by-thymeleaf.html} and
 * {@code templates/test/layout-by-thymeleaf.html}): the same bytes, in both languages, on every kind of page.
 */
@XinfangTest
class WorkQueueRenderingTests {

	@Autowired
	ITemplateEngine templates;

	@Autowired
	WorkQueuePages pages;

	@Autowired
	ApplicationContext applicationContext;

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void theQueuePageIsWhatTheTemplateWroteInBothLanguages() {
		MatterPage.Summary row = new MatterPage.Summary(7, "XF20267", Channel.values()[0], Kind.values()[0],
				MatterStatus.ACCEPTED, "已受理", "门诊收费问题", LocalDate.of(2026, 3, 2), "县人民医院", "县卫生健康局", "张三",
				"3301**********1234", 1, 0, null, false);
		List<MatterPage> cases = List.of(new MatterPage(List.of(row), 0, 25, 1000, false),
				new MatterPage(List.of(row), 3, 25, 1_234_567, true), new MatterPage(List.of(row), 1, 25, 50, true),
				new MatterPage(List.of(row), 0, 25, 1, true), new MatterPage(List.of(), 0, 25, 0));
		// German: no bundle of its own (the Chinese texts), but numbers formatted in German, as MessageFormat did
		for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH, Locale.GERMAN)) {
			for (MatterPage page : cases) {
				String before = render("test/queue-by-thymeleaf", null, locale, Map.of("queue", "work", "page", page));
				String after = render("handling/queue", null, locale, model(page, locale));
				assertThat(after).isEqualTo(before);
			}
		}
		assertThat(render("handling/queue", null, Locale.SIMPLIFIED_CHINESE,
				model(new MatterPage(List.of(row), 3, 25, 1_234_567, true), Locale.SIMPLIFIED_CHINESE)))
			.contains("<a href=\"/xf/staff/work?page=2\">", "<span>第 4 / 49,383 页，共 1,234,567 件</span>",
					"<a href=\"/xf/staff/work?page=4\">");
		assertThat(render("handling/queue", null, Locale.ENGLISH,
				model(new MatterPage(List.of(row), 0, 25, 1000, false), Locale.ENGLISH)))
			.contains("<span>Page 1 of 40, more than 1,000 matters</span>", "<a href=\"/xf/staff/work?page=1\">")
			.doesNotContain("?page=-1");
		assertThat(render("handling/queue", null, Locale.GERMAN,
				model(new MatterPage(List.of(row), 0, 25, 1000, false), Locale.GERMAN)))
			.contains("<span>第 1 / 40 页，超过 1.000 件</span>");
	}

	@Test
	void theStaffHeaderIsWhatTheTemplateWroteSignedInOrNot() {
		for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
			SecurityContextHolder.clearContext();
			String anonymous = render("fragments/layout", "staffNav", locale, Map.of());
			assertThat(anonymous).isEqualTo(render("test/layout-by-thymeleaf", "staffNav", locale, Map.of()))
				.doesNotContain("class=\"who\"");
			SecurityContextHolder.getContext()
				.setAuthentication(new TestingAuthenticationToken("王<b>五&", null, "ROLE_HANDLER"));
			String signedIn = render("fragments/layout", "staffNav", locale, Map.of());
			assertThat(signedIn).isEqualTo(render("test/layout-by-thymeleaf", "staffNav", locale, Map.of()))
				.contains("<div class=\"who\">", "<span>王&lt;b&gt;五&amp;</span>");
		}
	}

	private ExtendedModelMap model(MatterPage page, Locale locale) {
		ExtendedModelMap model = new ExtendedModelMap();
		model.addAttribute("queue", "work");
		pages.pager(page, locale, model);
		return model;
	}

	private String render(String template, String fragment, Locale locale, Map<String, ?> model) {
		MockServletContext servletContext = new MockServletContext();
		MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", "/xf/staff/work");
		request.setContextPath("/xf");
		Map<String, Object> variables = new HashMap<>(model);
		// as Spring's view gives it to every template: what ${@bean…} in the templates of before needs
		variables.put(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContext(applicationContext, null));
		WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
			.buildExchange(request, new MockHttpServletResponse()), locale, variables);
		return fragment == null ? templates.process(template, context)
				: templates.process(template, Set.of(fragment), context);
	}
}
