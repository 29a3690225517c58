package io.warmgate.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads a jar's bytecode and finds the classes its code refers to but neither the jar nor the JDK holds:
 * what would end in {@code NoClassDefFoundError} once that code runs.
 *
 * <p>A reference is what the JVM resolves: the superclass and interfaces, field and method descriptors,
 * declared exceptions, and every class an instruction, a constant, a handler or a stack-map frame names.
 * Annotations are left out (the JVM skips an annotation whose class is absent), and so are generic
 * signatures and debug tables, which only reflection reads. A multi-release jar's classes count at the
 * highest version this JVM would load; versions above it cannot be checked against this JDK and are skipped.
 */
final class JarClosure {

  private final Map<String, byte[]> classes;
  private final long uncompressedBytes;
  private final Map<String, Boolean> jdk = new HashMap<>();

  private JarClosure(Map<String, byte[]> classes, long uncompressedBytes) {
    this.classes = classes;
    this.uncompressedBytes = uncompressedBytes;
  }

  /** Reads every class in {@code jar} (internal names such as {@code io/warmgate/lambda/GateHandler}). */
  static JarClosure read(Path jar) {
    int runtime = Runtime.version().feature();
    Map<String, byte[]> classes = new HashMap<>();
    Map<String, Integer> versions = new HashMap<>();
    long uncompressed = 0;
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : java.util.Collections.list(file.entries())) {
        uncompressed += Math.max(0, entry.getSize());
        String name = entry.getName();
        if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
          continue;
        }
        int version = 8;
        if (name.startsWith("META-INF/versions/")) {
          String[] parts = name.split("/", 4);
          version = Integer.parseInt(parts[2]);
          name = parts[3];
          if (version > runtime) {
            continue;
          }
        }
        String className = name.substring(0, name.length() - ".class".length());
        if (version >= versions.getOrDefault(className, 0)) {
          versions.put(className, version);
          try (InputStream in = file.getInputStream(entry)) {
            classes.put(className, in.readAllBytes());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
    return new JarClosure(classes, uncompressed);
  }

  /** The sum of the entries' uncompressed sizes: what Lambda counts against its unzipped limit. */
  long uncompressedBytes() {
    return uncompressedBytes;
  }

  /** The internal names of the jar's classes that {@code filter} accepts. */
  Set<String> classes(Predicate<String> filter) {
    Set<String> names = new TreeSet<>();
    classes.keySet().stream().filter(filter).forEach(names::add);
    return names;
  }

  /** The classes that {@code roots} refer to directly and nothing resolves, each with who refers to it. */
  Map<String, Set<String>> missingFrom(Collection<String> roots) {
    Map<String, Set<String>> missing = new TreeMap<>();
    for (String root : roots) {
      for (String used : references(root)) {
        if (!resolves(used)) {
          missing.computeIfAbsent(used, k -> new TreeSet<>()).add(root);
        }
      }
    }
    return missing;
  }

  /**
   * The classes that anything reachable from {@code roots} through the jar refers to and nothing
   * resolves, each with who refers to it.
   */
  Map<String, Set<String>> missingInClosureOf(Collection<String> roots) {
    Map<String, Set<String>> missing = new TreeMap<>();
    Set<String> seen = new HashSet<>(roots);
    Deque<String> queue = new ArrayDeque<>(seen);
    while (!queue.isEmpty()) {
      String current = queue.poll();
      for (String used : references(current)) {
        if (classes.containsKey(used)) {
          if (seen.add(used)) {
            queue.add(used);
          }
        } else if (!inJdk(used)) {
          missing.computeIfAbsent(used, k -> new TreeSet<>()).add(current);
        }
      }
    }
    return missing;
  }

  private boolean resolves(String className) {
    return classes.containsKey(className) || inJdk(className);
  }

  private boolean inJdk(String className) {
    return jdk.computeIfAbsent(className, name -> ClassLoader.getPlatformClassLoader().getResource(name + ".class") != null);
  }

  /** The classes {@code className}'s bytecode makes the JVM resolve (see the class comment). */
  Set<String> references(String className) {
    byte[] bytes = classes.get(className);
    if (bytes == null) {
      return Set.of();
    }
    Set<String> refs = new HashSet<>();
    new ClassReader(bytes).accept(new Collector(refs), ClassReader.SKIP_DEBUG);
    refs.remove(className);
    return refs;
  }

  /** Collects the class names of one class file's resolvable references. */
  private static final class Collector extends ClassVisitor {
    private final Set<String> refs;

    Collector(Set<String> refs) {
      super(Opcodes.ASM9);
      this.refs = refs;
    }

    private void internalName(String name) {
      if (name != null) {
        type(Type.getObjectType(name));
      }
    }

    private void descriptor(String descriptor) {
      type(Type.getType(descriptor));
    }

    private void type(Type type) {
      switch (type.getSort()) {
        case Type.ARRAY -> type(type.getElementType());
        case Type.OBJECT -> refs.add(type.getInternalName());
        case Type.METHOD -> {
          type(type.getReturnType());
          for (Type argument : type.getArgumentTypes()) {
            type(argument);
          }
        }
        default -> { } // primitives name no class
      }
    }

    private void constant(Object value) {
      if (value instanceof Type type) {
        type(type);
      } else if (value instanceof Handle handle) {
        internalName(handle.getOwner());
        descriptor(handle.getDesc());
      } else if (value instanceof org.objectweb.asm.ConstantDynamic dynamic) {
        descriptor(dynamic.getDescriptor());
        constant(dynamic.getBootstrapMethod());
        for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
          constant(dynamic.getBootstrapMethodArgument(i));
        }
      }
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      internalName(superName);
      if (interfaces != null) {
        for (String anInterface : interfaces) {
          internalName(anInterface);
        }
      }
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
      descriptor(descriptor);
      return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      descriptor(descriptor);
      if (exceptions != null) {
        for (String exception : exceptions) {
          internalName(exception);
        }
      }
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public void visitTypeInsn(int opcode, String type) {
          internalName(type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String fieldDescriptor) {
          internalName(owner);
          descriptor(fieldDescriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String methodDescriptor, boolean isInterface) {
          internalName(owner);
          descriptor(methodDescriptor);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String indyDescriptor, Handle bootstrap, Object... arguments) {
          descriptor(indyDescriptor);
          constant(bootstrap);
          for (Object argument : arguments) {
            constant(argument);
          }
        }

        @Override
        public void visitLdcInsn(Object value) {
          constant(value);
        }

        @Override
        public void visitMultiANewArrayInsn(String arrayDescriptor, int numDimensions) {
          descriptor(arrayDescriptor);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
          internalName(type);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
          frameTypes(local, numLocal);
          frameTypes(stack, numStack);
        }

        private void frameTypes(Object[] types, int count) {
          for (int i = 0; types != null && i < count; i++) {
            if (types[i] instanceof String name) {
              internalName(name);
            }
          }
        }
      };
    }
  }
}
