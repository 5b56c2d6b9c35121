package org.xinfang.intake.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.web.IWebExchange;
import org.unbescape.html.HtmlEscape;
import org.xinfang.intake.Deadline;
import org.xinfang.intake.MatterPage;

/**
 * {@code <tbody xf:matter-rows="${page.items()}">}: the rows of the staff table of matters
 * ({@code fragments/matters.html}, the matter list and every work queue), written in one pass over the page's
 * summaries.
 * <p>
 * Rendered by Thymeleaf, each row cost some fifteen attribute processors, each with a SpEL evaluation by
 * reflection, three message look-ups and a link: about half of the application's CPU of a work queue page
 * (BENCHMARKS.md, "Causes and fixes" 70). The rows are the same elements with the same texts as that template wrote:
 * texts and attribute values escaped as {@code th:text} escapes them ({@link HtmlEscape#escapeHtml4Xml}), labels
 * through the template's message resolution in the page's language ({@code #{…}}, once per key and page), the matter
 * link below the context path as {@code @{/staff/matters/{id}}} builds it.
 */
@Component
class MatterRowsDialect extends AbstractProcessorDialect {

	MatterRowsDialect() {
		super("xinfang matter rows", "xf", 1000);
	}

	@Override
	public Set<IProcessor> getProcessors(String dialectPrefix) {
		return Set.of(new AbstractAttributeTagProcessor(TemplateMode.HTML, dialectPrefix, null, false, "matter-rows",
				true, 1000, true) {
			@Override
			protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
					String attributeValue, IElementTagStructureHandler structure) {
				Object items = StandardExpressions.getExpressionParser(context.getConfiguration())
					.parseExpression(context, attributeValue)
					.execute(context);
				@SuppressWarnings("unchecked")
				List<MatterPage.Summary> rows = (List<MatterPage.Summary>) items;
				structure.setBody(rows(context, rows), false);
			}
		});
	}

	/** The rows' HTML, as the template's {@code <tr th:each="m : …">} wrote it (whitespace included). */
	static String rows(ITemplateContext context, List<MatterPage.Summary> rows) {
		Labels labels = new Labels(context);
		String contextPath = context instanceof IWebContext web ? contextPath(web.getExchange()) : "";
		StringBuilder html = new StringBuilder(rows.size() * 900);
		html.append("\n    ");
		for (MatterPage.Summary m : rows) {
			html.append("<tr>\n      <td><a href=\"")
				.append(escape(contextPath + "/staff/matters/" + m.id()))
				.append("\">")
				.append(escape(m.trackingCode()))
				.append("</a></td>\n      <td>")
				.append(escape(m.receivedOn()))
				.append("</td>\n      <td><span>")
				.append(escape(m.title()))
				.append("</span> ");
			if (m.repeatCount() > 0) {
				html.append("<small>").append(escape("×" + (m.repeatCount() + 1))).append("</small>");
			}
			html.append("</td>\n      <td>")
				.append(labels.get("matter.channel." + m.channel()))
				.append("</td>\n      <td>")
				.append(labels.get("matter.kind." + m.kind()))
				.append("</td>\n      <td><span>")
				.append(escape(m.petitioner()))
				.append("</span> <small>")
				.append(escape(m.idNumber()))
				.append("</small></td>\n      <td><span>")
				.append(escape(m.receivingUnit()))
				.append("</span><br><small>")
				.append(escape(m.concernedUnit()))
				.append("</small></td>\n      <td>")
				.append(escape(m.statusLabel()))
				.append("</td>\n      ");
			Deadline deadline = m.nextDeadline();
			if (deadline != null) {
				html.append("<td class=\"")
					.append(escape("state-" + deadline.state()))
					.append("\">\n        <span");
				if (deadline.pending() != null && deadline.pending().note() != null) {
					html.append(" title=\"").append(escape(deadline.pending().note())).append('"');
				}
				html.append('>')
					.append(escape(deadline.dueDate()))
					.append("</span>\n        <span>")
					.append(labels.get("deadline.state." + deadline.state()))
					.append("</span></td>\n      \n    ");
			}
			else {
				html.append("\n      <td></td>\n    ");
			}
			html.append("</tr>\n    ");
		}
		return html.toString();
	}

	private static String contextPath(IWebExchange exchange) {
		return exchange.getRequest().getApplicationPath();
	}

	/** As {@code th:text} writes a value: {@code null} as nothing, everything else by its {@code toString()}. */
	private static String escape(Object value) {
		return value == null ? "" : HtmlEscape.escapeHtml4Xml(value.toString());
	}

	/** The page's labels, escaped, each looked up once as {@code #{key}} would. */
	private static final class Labels {

		private final ITemplateContext context;

		private final Map<String, String> escaped = new HashMap<>();

		Labels(ITemplateContext context) {
			this.context = context;
		}

		String get(String key) {
			return escaped.computeIfAbsent(key,
					k -> escape(context.getMessage(MatterRowsDialect.class, k, new Object[0], true)));
		}
	}
}
