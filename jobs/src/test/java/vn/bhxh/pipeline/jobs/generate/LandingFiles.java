package vn.bhxh.pipeline.jobs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.time.Period;

/** Reads generated landing files back, independently of the generator's code. */
final class LandingFiles {
  private LandingFiles() {}

  /** Runs the generator into a folder with the default configuration. */
  static void generate(Path landing, String from, String to, double scale, long seed) {
    PipelineConfig config = ConfigLoader.defaults().withLocations(landing.toString(), null, null);
    GenerateStep.run(
        config, new GenerateOptions(Period.parse(from), Period.parse(to), scale, seed));
  }

  /** Every file under a root, by path relative to it (with '/' separators). */
  static List<String> files(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-256 of every file under a root, by relative path. */
  static Map<String, String> checksums(Path root) {
    Map<String, String> result = new TreeMap<>();
    for (String file : files(root)) {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        result.put(
            file, HexFormat.of().formatHex(digest.digest(Files.readAllBytes(root.resolve(file)))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return result;
  }

  /** The first line of a file. */
  static String header(Path file) {
    return lines(file).get(0);
  }

  /** The data rows of a file, split on commas (the generator's values never need quoting). */
  static List<String[]> rows(Path file) {
    List<String> lines = lines(file);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.indexOf('"') >= 0) {
        throw new IllegalStateException("unexpected quoted field in " + file + ": " + line);
      }
      rows.add(line.split(",", -1));
    }
    return rows;
  }

  /** The data rows of every province file of a dataset and month. */
  static List<String[]> rows(Path landing, String dataset, String period) {
    List<String[]> rows = new ArrayList<>();
    for (String file : files(landing.resolve(dataset).resolve(period))) {
      rows.addAll(rows(landing.resolve(dataset).resolve(period).resolve(file)));
    }
    return rows;
  }

  /** Distinct values of a column among rows whose column {@code filterColumn} is one of values. */
  static Set<String> distinct(
      List<String[]> rows, int column, int filterColumn, Set<String> values) {
    Set<String> result = new TreeSet<>();
    for (String[] row : rows) {
      if (values.contains(row[filterColumn])) {
        result.add(row[column]);
      }
    }
    return result;
  }

  private static List<String> lines(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.indexOf('\r') >= 0 || !text.endsWith("\n")) {
        throw new IllegalStateException(file + " does not end every line with a single LF");
      }
      return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
