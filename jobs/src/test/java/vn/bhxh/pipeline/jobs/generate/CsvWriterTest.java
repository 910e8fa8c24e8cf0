package vn.bhxh.pipeline.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void writesFieldsWithCommasAndRowsWithLf() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CsvWriter out = new CsvWriter(bytes)) {
      out.header(List.of("a", "b", "c", "d", "e"));
      out.digits(54, 3).number(-12).empty().code("HI").text("Hà Nội, \"cũ\"").endRow();
      out.digits(7, 2).appendChar('-').appendDigits(202507, 6).number(0).empty().empty();
      out.text("x").endRow();
      assertThat(out.rows()).isEqualTo(2);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("a,b,c,d,e\n054,-12,,HI,\"Hà Nội, \"\"cũ\"\"\"\n07-202507,0,,,x\n");
  }

  @Test
  void largeOutputsSurviveBufferFlushes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CsvWriter out = new CsvWriter(bytes)) {
      for (int i = 0; i < 100_000; i++) {
        out.number(i).digits(i, 12).endRow();
      }
    }
    String[] lines = bytes.toString(StandardCharsets.US_ASCII).split("\n");
    assertThat(lines).hasSize(100_000);
    assertThat(lines[99_999]).isEqualTo("99999,000000099999");
  }

  @Test
  void refusesDigitsThatDoNotFitTheWidth() {
    CsvWriter out = new CsvWriter(new ByteArrayOutputStream());
    assertThatThrownBy(() -> out.digits(1000, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
