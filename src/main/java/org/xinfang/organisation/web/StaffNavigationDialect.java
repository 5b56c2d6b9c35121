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

/**
 * {@code <nav xf:staff-links="">}: the element's body becomes the staff navigation's links as
 * {@link StaffNavigation#links()} keeps them — no expression evaluated, no message looked up, no link built per page.
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
		});
	}
}
