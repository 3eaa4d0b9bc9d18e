package org.soarplaybooks.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link PlaybookTest}: one running {@link Playbook} per test class (started before
 * the first test, stopped after the last: it is kept in the class's extension store, which closes it), injected
 * into test method parameters and non-static fields of type {@link Playbook}; before each test it forgets the
 * vendor requests, audit records and dead letters of the tests before ({@link Playbook#reset()}).
 */
public final class PlaybookExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(PlaybookExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        playbook(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Playbook playbook = playbook(context);
        playbook.reset();
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType() == Playbook.class && !Modifier.isStatic(f.getModifiers())
                            && !Modifier.isFinal(f.getModifiers())) {
                        f.setAccessible(true);
                        f.set(instance, playbook);
                    }
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Playbook.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return playbook(context);
    }

    /** The class's playbook, started on first use. */
    private static Playbook playbook(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        Class<?> testClass = c.getRequiredTestClass();
        PlaybookTest spec = AnnotationSupport.findAnnotation(testClass, PlaybookTest.class).orElseThrow(
                () -> new IllegalStateException(testClass.getName() + " has no @PlaybookTest(\"<file>.camel.yaml\")"));
        return c.getStore(NAMESPACE).getOrComputeIfAbsent(testClass, k -> Playbook.start(spec), Playbook.class);
    }
}
