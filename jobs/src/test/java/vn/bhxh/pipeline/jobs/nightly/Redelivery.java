package vn.bhxh.pipeline.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Re-delivered landing files, for the nightly's tests. */
final class Redelivery {
  private Redelivery() {}

  /**
   * Re-delivers a landing file ({@code .csv} or {@code .csv.gz}) without its last data rows: a new
   * file, with a new size and modification time.
   */
  static void dropLastRows(Path file, int rows) throws IOException {
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    List<String> lines;
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gzip ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      lines = reader.lines().toList();
    }
    assertThat(lines.size()).as("rows in " + file).isGreaterThan(rows + 1);
    Path delivery = file.resolveSibling(file.getFileName() + ".new");
    try (OutputStream raw = Files.newOutputStream(delivery);
        OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
      for (String line : lines.subList(0, lines.size() - rows)) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.move(delivery, file, StandardCopyOption.REPLACE_EXISTING);
  }
}
