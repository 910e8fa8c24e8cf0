package vn.bhxh.pipeline.common.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that runs jobs end to end (landing files in, warehouse tables, reports or a child
 * process out): the slow tier, minutes each. Left out of the fast tier ({@code ./mvnw -B test
 * -Pfast}), like {@link SparkTier}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("job")
public @interface JobTier {}
