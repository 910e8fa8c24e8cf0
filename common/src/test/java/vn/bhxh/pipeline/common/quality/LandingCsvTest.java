package vn.bhxh.pipeline.common.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandingCsvTest {
  private static final List<String> COLUMNS = List.of("a", "b", "c");
  private static final List<String> REQUIRED = List.of("a", "b");

  private static List<LandingRecord> read(byte[] bytes) throws FileRejection {
    List<LandingRecord> records = new ArrayList<>();
    try (LandingCsv csv =
        LandingCsv.open(new ByteArrayInputStream(bytes), COLUMNS, REQUIRED, bytes.length)) {
      for (LandingRecord r = csv.next(); r != null; r = csv.next()) {
        records.add(r);
      }
    }
    return records;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void matchesHeadersInAnyOrderAndCaseWithBomAndCrlf() throws FileRejection {
    List<LandingRecord> records = read(utf8("\uFEFFC,A,B\r\n3,1,2\r\n6,4,5\r\n"));

    assertThat(records).hasSize(2);
    assertThat(records.get(0).values()).containsExactly("1", "2", "3");
    assertThat(records.get(1).values()).containsExactly("4", "5", "6");
    assertThat(records.get(0).lineNumber()).isEqualTo(2);
    assertThat(records.get(1).lineNumber()).isEqualTo(3);
    assertThat(records.get(0).ragged()).isFalse();
  }

  @Test
  void keepsQuotedCommasAndNewlinesAndCountsPhysicalLines() throws FileRejection {
    List<LandingRecord> records = read(utf8("a,b,c\n\"x, y\",\"two\nlines\",\n\n1,2,3\n"));

    assertThat(records).hasSize(2);
    assertThat(records.get(0).values()).containsExactly("x, y", "two\nlines", null);
    assertThat(records.get(0).lineNumber()).isEqualTo(2);
    // the quoted value spans lines 2-3, line 4 is blank
    assertThat(records.get(1).lineNumber()).isEqualTo(5);
  }

  @Test
  void normalisesToNfcAndTrims() throws FileRejection {
    String decomposed = "Ha\u0300 No\u0323\u0302i"; // "Hà Nội" with combining marks
    List<LandingRecord> records = read(utf8("a,b\n  " + decomposed + " ,x\n"));

    assertThat(records.get(0).values()[0]).isEqualTo("H\u00e0 N\u1ed9i");
    assertThat(records.get(0).values()[2]).isNull(); // column c absent from the file
  }

  @Test
  void reportsExtraColumnsAndRaggedRows() throws FileRejection {
    try (LandingCsv csv =
        LandingCsv.open(
            new ByteArrayInputStream(utf8("a,b,Note\n1,2,x\n1,2\n1,2,x,y\n")),
            COLUMNS,
            REQUIRED,
            Long.MAX_VALUE)) {
      assertThat(csv.extraColumns()).containsExactly("note");
      assertThat(csv.presentColumns()).containsExactly("a", "b");
      assertThat(csv.next().ragged()).isFalse();
      assertThat(csv.next().ragged()).isTrue();
      assertThat(csv.next().ragged()).isTrue();
      assertThat(csv.next()).isNull();
    }
  }

  @Test
  void rejectsFilesThatCannotBeUsedAsAWhole() {
    assertThatThrownBy(() -> read(new byte[0]))
        .isInstanceOfSatisfying(
            FileRejection.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.EMPTY_FILE));
    assertThatThrownBy(() -> read(utf8("a,c\n1,3\n")))
        .isInstanceOfSatisfying(
            FileRejection.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ReasonCode.MISSING_REQUIRED_COLUMNS);
              assertThat(e.getMessage()).contains("b");
            });
    assertThatThrownBy(() -> read(utf8("a,b,A\n1,2,3\n")))
        .isInstanceOfSatisfying(
            FileRejection.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.DUPLICATE_COLUMN));
  }

  @Test
  void aFileWithoutItsHeaderRowNeverReportsItsDataAsColumnNames() throws FileRejection {
    byte[] headerless = utf8("0123456789,HI,2024-01\n");

    try (LandingCsv csv =
        LandingCsv.open(
            new ByteArrayInputStream(headerless), COLUMNS, List.of(), headerless.length)) {
      assertThat(csv.extraColumns()).containsExactly("(withheld: digits)", "hi", "2024-01");
    }
    assertThatThrownBy(() -> read(headerless))
        .isInstanceOfSatisfying(
            FileRejection.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ReasonCode.MISSING_REQUIRED_COLUMNS);
              assertThat(e.getMessage()).doesNotContain("0123456789");
            });
    assertThatThrownBy(() -> read(utf8("0123456789,0123456789\n")))
        .isInstanceOfSatisfying(
            FileRejection.class, e -> assertThat(e.getMessage()).doesNotContain("0123456789"));
  }

  @Test
  void rejectsInvalidUtf8WithoutQuotingContent() {
    byte[] latin1 = "a,b\n0123456789,H\u00e0\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> read(latin1))
        .isInstanceOfSatisfying(
            FileRejection.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ReasonCode.NOT_UTF8);
              assertThat(e.getMessage()).doesNotContain("0123456789");
            });
  }
}
