package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.LaunchTemplate;
import io.warmgate.emulator.internal.engine.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and renders the EC2 launch template operations: CreateLaunchTemplate, DescribeLaunchTemplates,
 * CreateLaunchTemplateVersion, DescribeLaunchTemplateVersions, ModifyLaunchTemplate (the default version) and
 * DeleteLaunchTemplate, in the shapes of the EC2 API reference.
 */
final class Ec2LaunchTemplatesApi {
  private final Engine engine;

  Ec2LaunchTemplatesApi(Engine engine) {
    this.engine = engine;
  }

  void create(Params p, Xml x) {
    String name = p.required("LaunchTemplateName");
    Params data = p.sub("LaunchTemplateData");
    if (data.isEmpty()) {
      throw p.missing("LaunchTemplateData");
    }
    LaunchTemplate lt = engine.ec2().createLaunchTemplate(name, data(data), p.get("VersionDescription"),
        tagSpecs(p, "launch-template"));
    x.start("launchTemplate");
    writeTemplate(x, lt);
    x.end();
  }

  void createVersion(Params p, Xml x) {
    Params data = p.sub("LaunchTemplateData");
    if (data.isEmpty()) {
      throw p.missing("LaunchTemplateData");
    }
    LaunchTemplate lt = engine.ec2().launchTemplate(p.get("LaunchTemplateId"), p.get("LaunchTemplateName"));
    LaunchTemplate.Version v = engine.ec2().createLaunchTemplateVersion(lt.id, null, p.get("SourceVersion"),
        data(data), p.get("VersionDescription"));
    x.start("launchTemplateVersion");
    writeVersion(x, lt, v);
    x.end();
  }

  void modify(Params p, Xml x) {
    LaunchTemplate lt = engine.ec2().modifyLaunchTemplate(p.get("LaunchTemplateId"), p.get("LaunchTemplateName"),
        p.get("SetDefaultVersion"));
    x.start("launchTemplate");
    writeTemplate(x, lt);
    x.end();
  }

  void delete(Params p, Xml x) {
    LaunchTemplate lt = engine.ec2().deleteLaunchTemplate(p.get("LaunchTemplateId"), p.get("LaunchTemplateName"));
    x.start("launchTemplate");
    writeTemplate(x, lt);
    x.end();
  }

  void describe(Params p, Xml x) {
    List<String> ids = p.list("LaunchTemplateId");
    List<String> names = p.list("LaunchTemplateName");
    List<Ec2Filters.Filter> filters = Ec2Filters.of(p);
    for (String id : ids) {
      engine.ec2().launchTemplate(id, null);
    }
    for (String name : names) {
      if (engine.templateByName(name) == null) {
        throw new ApiException(400, "InvalidLaunchTemplateName.NotFoundException",
            "At least one of the launch templates specified in the request does not exist.");
      }
    }
    List<LaunchTemplate> matching = new ArrayList<>();
    for (LaunchTemplate lt : engine.templates()) {
      if ((ids.isEmpty() || ids.contains(lt.id)) && (names.isEmpty() || names.contains(lt.name))
          && Ec2Filters.match(filters, name -> switch (name) {
            case "launch-template-name" -> List.of(lt.name);
            case "launch-template-id" -> List.of(lt.id);
            case "tag-key" -> List.copyOf(lt.tags().keySet());
            default -> name.startsWith("tag:") ? Ec2Filters.optional(lt.tags().get(name.substring(4)))
                : Ec2Filters.unknown(name);
          })) {
        matching.add(lt);
      }
    }
    Ec2Filters.page(p, x, matching, "launchTemplates", lt -> {
      x.start("item");
      writeTemplate(x, lt);
      x.end();
    });
  }

  /**
   * DescribeLaunchTemplateVersions: the named versions ({@code $Latest}, {@code $Default} or numbers), else those
   * between MinVersion and MaxVersion, of one template; or, naming no template, the default or latest versions of
   * all templates when the request asks for {@code $Latest} or {@code $Default}.
   */
  void describeVersions(Params p, Xml x) {
    String id = p.get("LaunchTemplateId");
    String name = p.get("LaunchTemplateName");
    List<String> wanted = p.list("LaunchTemplateVersion");
    List<Ec2Filters.Filter> filters = Ec2Filters.of(p);
    List<Map.Entry<LaunchTemplate, LaunchTemplate.Version>> matching = new ArrayList<>();
    if (id == null && name == null) {
      if (wanted.isEmpty() || !wanted.stream().allMatch(v -> v.equals("$Latest") || v.equals("$Default"))) {
        throw new ApiException(400, "MissingParameter",
            "The request must contain the parameter LaunchTemplateName or LaunchTemplateId");
      }
      for (LaunchTemplate lt : engine.templates()) {
        for (String v : wanted) {
          matching.add(Map.entry(lt, lt.resolve(v)));
        }
      }
    } else {
      LaunchTemplate lt = engine.ec2().launchTemplate(id, name);
      if (!wanted.isEmpty()) {
        for (String v : wanted) {
          LaunchTemplate.Version version = lt.resolve(v);
          if (version == null) {
            throw new ApiException(400, "InvalidLaunchTemplateId.VersionNotFound",
                "Could not find launch template version " + Check.echo(v) + " for launch template " + lt.id + ".");
          }
          matching.add(Map.entry(lt, version));
        }
      } else {
        long min = versionBound(p, "MinVersion", 1);
        long max = versionBound(p, "MaxVersion", Long.MAX_VALUE);
        for (LaunchTemplate.Version v : lt.versions()) {
          if (v.number() >= min && v.number() <= max) {
            matching.add(Map.entry(lt, v));
          }
        }
      }
    }
    matching.removeIf(e -> !Ec2Filters.match(filters, filter -> switch (filter) {
      case "is-default-version" -> List.of(String.valueOf(e.getValue().number() == e.getKey().defaultVersion()));
      case "image-id" -> Ec2Filters.optional(e.getValue().data().imageId());
      case "instance-type" -> Ec2Filters.optional(e.getValue().data().instanceType());
      default -> Ec2Filters.unknown(filter);
    }));
    Ec2Filters.page(p, x, matching, "launchTemplateVersionSet", e -> {
      x.start("item");
      writeVersion(x, e.getKey(), e.getValue());
      x.end();
    });
  }

  private static long versionBound(Params p, String key, long fallback) {
    String v = p.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.matches("[0-9]{1,18}")) {
      throw ApiException.ec2Invalid("Value (" + Check.echo(v) + ") for parameter " + key + " is invalid.");
    }
    return Long.parseLong(v);
  }

  private static TemplateData data(Params data) {
    Boolean disableApiTermination = data.has("DisableApiTermination") ? data.bool("DisableApiTermination", false)
        : null;
    return new TemplateData(data.get("ImageId"), data.get("InstanceType"), data.get("UserData"),
        disableApiTermination, tagSpecs(data, "instance"));
  }

  static Map<String, String> tagSpecs(Params p, String resourceType) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Params spec : p.structs("TagSpecification")) {
      if (resourceType.equals(spec.get("ResourceType"))) {
        for (Params t : spec.structs("Tag")) {
          tags.put(t.required("Key"), t.get("Value") == null ? "" : t.get("Value"));
        }
      }
    }
    return tags;
  }

  private void writeTemplate(Xml x, LaunchTemplate lt) {
    x.leaf("createTime", lt.createTime)
        .leaf("createdBy", "arn:aws:iam::" + engine.accountId + ":root")
        .leaf("defaultVersionNumber", lt.defaultVersion())
        .leaf("latestVersionNumber", lt.latestVersion())
        .leaf("launchTemplateId", lt.id)
        .leaf("launchTemplateName", lt.name);
    if (!lt.tags().isEmpty()) {
      x.start("tagSet");
      lt.tags().forEach((k, v) -> x.start("item").leaf("key", k).leaf("value", v).end());
      x.end();
    }
  }

  /** Writes a LaunchTemplateVersion; members of its data that were never given are left out. */
  private void writeVersion(Xml x, LaunchTemplate lt, LaunchTemplate.Version v) {
    TemplateData d = v.data();
    x.leaf("createTime", v.createTime())
        .leaf("createdBy", "arn:aws:iam::" + engine.accountId + ":root")
        .leaf("defaultVersion", v.number() == lt.defaultVersion())
        .start("launchTemplateData")
        .leaf("disableApiTermination", d.disableApiTermination())
        .leaf("imageId", d.imageId())
        .leaf("instanceType", d.instanceType());
    if (!d.instanceTags().isEmpty()) {
      x.start("tagSpecificationSet").start("item").leaf("resourceType", "instance").start("tagSet");
      d.instanceTags().forEach((k, val) -> x.start("item").leaf("key", k).leaf("value", val).end());
      x.end().end().end();
    }
    x.leaf("userData", d.userData())
        .end()
        .leaf("launchTemplateId", lt.id)
        .leaf("launchTemplateName", lt.name)
        .leaf("versionDescription", v.description())
        .leaf("versionNumber", v.number());
  }
}
