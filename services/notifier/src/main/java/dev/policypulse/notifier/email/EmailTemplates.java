package dev.policypulse.notifier.email;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.stereotype.Component;

/**
 * Renders the email templates under {@code templates/email/}: {@code *.html} as HTML,
 * where {@code th:text} escapes whatever it prints, and {@code *.txt} as plain text. The
 * engine is the emails' own, not a bean, so that the web pages keep the one Spring Boot
 * configures.
 */
@Component
class EmailTemplates {

	private static final String PREFIX = "templates/email/";

	private final TemplateEngine engine;

	EmailTemplates() {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
		engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
		this.engine = engine;
	}

	/**
	 * The template {@code name} (such as {@code alert.html}) rendered with the given
	 * variables.
	 */
	String render(String name, Map<String, Object> variables) {
		return this.engine.process(name, new Context(Locale.ENGLISH, variables));
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailTemplates.class.getClassLoader());
		resolver.setPrefix(PREFIX);
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setCacheable(true);
		resolver.setOrder(order);
		return resolver;
	}

}
