package org.xinfang.platform.web;

import java.beans.PropertyEditorSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text containing U+0000 is refused where it enters, in JSON bodies and in form and query parameters, because
 * PostgreSQL cannot store that character in text: it would otherwise fail deep in a query as a 500. A JSON
 * body with it is a 400 {@code malformed-body} problem; a parameter with it a 400 type mismatch. No real
 * petition or form contains it.
 */
@Configuration(proxyBeanMethods = false)
@ControllerAdvice
class TextInput {

	static final String NUL_REFUSED = "text must not contain the character U+0000";

	@Bean
	JacksonModule textWithoutNul() {
		return new SimpleModule("xinfang-text-without-nul").addDeserializer(String.class, new NoNulStrings());
	}

	@InitBinder
	void textWithoutNul(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
			@Override
			public void setAsText(String text) {
				if (text != null && text.indexOf('\u0000') >= 0) {
					throw new IllegalArgumentException(NUL_REFUSED);
				}
				setValue(text);
			}
		});
	}

	static final class NoNulStrings extends StringDeserializer {

		@Override
		public String deserialize(JsonParser p, DeserializationContext context) throws JacksonException {
			String s = super.deserialize(p, context);
			if (s != null && s.indexOf('\u0000') >= 0) {
				return (String) context.handleWeirdStringValue(String.class, s, NUL_REFUSED);
			}
			return s;
		}
	}
}
