package org.equikern.ops.tensorproduct;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with a system property set (ops made during the class read it), restoring
 * the property's previous value after it. Subclasses name the property and its value.
 */
abstract class ForceSystemProperty implements BeforeAllCallback, AfterAllCallback {
    /** Stands for "the property was not set" in the store, which holds no nulls. */
    private static final String UNSET = "";

    private final String property;
    private final String value;

    ForceSystemProperty(String property, String value) {
        this.property = property;
        this.value = value;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String before = System.getProperty(property);
        store(context).put(property, before == null ? UNSET : before);
        System.setProperty(property, value);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String before = store(context).get(property, String.class);
        if (before == null || before.equals(UNSET)) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, before);
        }
    }

    private ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(getClass()));
    }
}
