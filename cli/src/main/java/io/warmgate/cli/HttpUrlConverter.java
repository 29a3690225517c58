package io.warmgate.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an absolute http(s) URL flag ({@code --endpoint-url}, {@code --event-target}); a value without a
 * scheme gets a hint with one, instead of the JDK's URISyntaxException text.
 */
public final class HttpUrlConverter implements ITypeConverter<URI> {

  @Override
  public URI convert(String value) {
    String v = value.trim();
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new TypeConversionException(problem(v));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new TypeConversionException(problem(v));
    }
    return uri;
  }

  private static String problem(String v) {
    boolean schemeless = !v.contains("://");
    return "expected an http(s) URL such as http://127.0.0.1:4566, got '" + v + "'"
        + (schemeless && !v.isEmpty() ? " (did you mean http://" + v + "?)" : "");
  }
}
