package vn.bhxh.pipeline.common.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkInputStreamTest {
  private static final String FILE =
      "period,person_id\n2025-10,\"a\nb\"\n2025-10,x\r\n\n2025-10,\"Đắk Lắk\"\n2025-10,last";

  @Test
  void partsCutAnywhereHoldEveryByteOnceAndBeginAtLineStarts() throws IOException {
    byte[] bytes = FILE.getBytes(StandardCharsets.UTF_8);
    for (int parts = 1; parts <= bytes.length; parts++) {
      List<byte[]> read = new ArrayList<>();
      long lineFeeds = 0;
      long quotes = 0;
      long previousEnd = 0;
      for (int i = 0; i < parts; i++) {
        long cut = (long) bytes.length * i / parts;
        long end = (long) bytes.length * (i + 1) / parts;
        long start = start(bytes, cut);
        assertThat(start)
            .as("part %d of %d begins where the last ended", i, parts)
            .isEqualTo(previousEnd);
        assertThat(start == 0 || start == bytes.length || bytes[(int) start - 1] == '\n').isTrue();
        ChunkInputStream chunk =
            new ChunkInputStream(
                new ByteArrayInputStream(bytes, (int) start, bytes.length), start, end);
        read.add(chunk.readAllBytes());
        lineFeeds += chunk.lineFeeds();
        quotes += chunk.quotes();
        previousEnd = chunk.position();
      }
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (byte[] part : read) {
        joined.write(part);
      }
      assertThat(joined.toString(StandardCharsets.UTF_8)).as("%d parts", parts).isEqualTo(FILE);
      assertThat(previousEnd).isEqualTo(bytes.length);
      assertThat(lineFeeds).isEqualTo(6);
      assertThat(quotes).isEqualTo(4);
    }
  }

  @Test
  void aCutInsideAQuotedLineBreakLeavesAnOddQuoteCountBeforeIt() throws IOException {
    byte[] bytes = FILE.getBytes(StandardCharsets.UTF_8);
    // The first line feed inside quotes is right after "a: a cut just before it makes the first
    // part end inside the quoted field.
    int inside = FILE.indexOf("a\nb") + 1;
    ChunkInputStream first = new ChunkInputStream(new ByteArrayInputStream(bytes), 0, inside + 1);
    assertThat(new String(first.readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("period,person_id\n2025-10,\"a\n");
    assertThat(first.quotes() % 2).isEqualTo(1);
    assertThat(first.lineFeeds()).isEqualTo(2);
  }

  @Test
  void aPartCoveredByOneLongLineIsEmpty() throws IOException {
    byte[] bytes = "header\n0123456789012345678901234567890123456789\nlast\n".getBytes();
    // Cuts at 10 and 20 both fall in the long line: the part [10, 20) holds nothing, the part
    // before it ends after the long line, the part after it starts there too.
    long start = start(bytes, 10);
    assertThat(start).isEqualTo(48);
    ChunkInputStream middle =
        new ChunkInputStream(new ByteArrayInputStream(bytes, 48, bytes.length), start, 20);
    assertThat(middle.readAllBytes()).isEmpty();
    assertThat(middle.position()).isEqualTo(48);
    ChunkInputStream first = new ChunkInputStream(new ByteArrayInputStream(bytes), 0, 10);
    assertThat(new String(first.readAllBytes()))
        .isEqualTo("header\n0123456789012345678901234567890123456789\n");
  }

  @Test
  void noLineFeedAfterACutMeansThePartStartsAtTheEnd() throws IOException {
    byte[] bytes = "a,b\n1,2".getBytes();
    assertThat(start(bytes, 5)).isEqualTo(bytes.length);
  }

  private static long start(byte[] bytes, long cut) throws IOException {
    if (cut == 0) {
      return 0;
    }
    InputStream in = new ByteArrayInputStream(bytes, (int) cut - 1, bytes.length);
    return ChunkInputStream.lineStartAtOrAfter(in, cut, bytes.length);
  }
}
