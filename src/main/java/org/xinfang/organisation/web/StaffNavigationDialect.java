package org.xinfang.organisation.web;

import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;
import org.unbescape.html.HtmlEscape;

/**
 * The staff header of every staff page ({@code fragments/layout.html}), without an expression:
 * <ul>
 * <li>{@code <nav xf:staff-links="">}: the element's body becomes the staff navigation's links as
 * {@link StaffNavigation#links()} keeps them — no expression evaluated, no message looked up, no link built per page;
 * <li>{@code xf:signed-in=""}: the element is shown only to a signed-in user ({@link StaffNavigation#signedIn()}), as
 * {@code th:if="${@staffNavigation.signedIn()}"} showed it;
 * <li>{@code xf:staff-name=""}: the element's body becomes the user's name ({@link StaffNavigation#name()}), escaped
 * as {@code th:text} escapes it.
 * </ul>
 * As expressions, the two calls resolved the bean and the method through SpEL on every page (BENCHMARKS.md, "Causes
 * and fixes" 120).
 */
@Component
class StaffNavigationDialect extends AbstractProcessorDialect {

	private final StaffNavigation navigation;

	StaffNavigationDialect(StaffNavigation navigation) {
		super("xinfang", "xf", 1000);
		this.navigation = navigation;
	}

	@Override
	public Set<IProcessor> getProcessors(String dialectPrefix) {
		return Set.of(new AbstractAttributeTagProcessor(TemplateMode.HTML, dialectPrefix, null, false, "staff-links",
				true, 1000, true) {
			@Override
			protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
					String attributeValue, IElementTagStructureHandler structure) {
				structure.setBody(navigation.links(), false);
			}
		}, new AbstractAttributeTagProcessor(TemplateMode.HTML, dialectPrefix, null, false, "signed-in", true, 1000,
				true) {
			@Override
			protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
					String attributeValue, IElementTagStructureHandler structure) {
				if (!navigation.signedIn()) {
					structure.removeElement();
				}
			}
		}, new AbstractAttributeTagProcessor(TemplateMode.HTML, dialectPrefix, null, false, "staff-name", true, 1000,
				true) {
			@Override
			protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
					String attributeValue, IElementTagStructureHandler structure) {
				String name = navigation.name();
				structure.setBody(name == null ? "" : HtmlEscape.escapeHtml4Xml(name), false);
			}
		});
	}
}
