package vn.bhxh.pipeline.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class IntervalConverterTest {
  private final IntervalConverter converter = new IntervalConverter();

  @Test
  void readsANumberAndAUnitAsInTheConfigurationFile() {
    assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(converter.convert("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(converter.convert(" 2 hours ")).isEqualTo(Duration.ofHours(2));
    assertThat(converter.convert("1s")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refusesABareNumberAnUnknownUnitAndLessThanOneSecond() {
    assertThatThrownBy(() -> converter.convert("15"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'15' is not an interval: give a unit, e.g. 30s, 15m or 1h");
    assertThatThrownBy(() -> converter.convert("15 fortnights"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("give a number and a unit");
    assertThatThrownBy(() -> converter.convert("500ms"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'500ms' is not an interval: it must be at least 1s");
    assertThatThrownBy(() -> converter.convert("0s")).hasMessageContaining("at least 1s");
    assertThatThrownBy(() -> converter.convert("")).hasMessageContaining("give a unit");
  }
}
