package io.warmgate.emulator.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.emulator.internal.engine.ApiException;

/**
 * Reading the body of an AWS JSON protocol request (SQS, EventBridge): both services refuse a body that is not a
 * JSON object, and a field of the wrong type, with the same {@code SerializationException}.
 */
final class JsonBodies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonBodies() {
  }

  /** The request's JSON object; an empty body is an empty object. */
  static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiException(400, "SerializationException", "The request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "SerializationException", "The request body is not valid JSON");
    }
  }

  /** A string field, or null if it is absent or null. */
  static String text(JsonNode in, String field) {
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ApiException(400, "SerializationException", "Field " + field + " must be a string");
    }
    return v.asText();
  }
}
