package org.soarplaybooks.validate;

import java.util.List;

/** For the engine's tests: the beans {@code validate} takes as bound by the engine. */
public final class PlaybookValidatorBeans {

    private PlaybookValidatorBeans() {
    }

    /** The names, as {@code validate} accepts them in {@code ref:}. */
    public static List<String> engineBeans() {
        return BeanRefCheck.ENGINE_BEANS;
    }
}
