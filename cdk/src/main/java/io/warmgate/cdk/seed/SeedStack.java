package io.warmgate.cdk.seed;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.warmgate.cdk.PhasePolicy;
import io.warmgate.cdk.ReadinessPolicy;
import io.warmgate.cdk.WarmGate;
import io.warmgate.cdk.WarmGateApps;
import io.warmgate.cdk.WarmGateNag;
import io.warmgate.cdk.WarmGateProps;
import io.warmgate.core.policy.Ec2ConsoleProbeSpec;
import java.time.Duration;
import java.util.List;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthCheckType;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthChecksOptions;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.HealthChecks;
import software.amazon.awscdk.services.autoscaling.PoolState;
import software.amazon.awscdk.services.autoscaling.WarmPool;
import software.amazon.awscdk.services.autoscaling.WarmPoolOptions;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.WindowsVersion;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The system of the incident, fixed: a VPC, an internet-facing ALB, Windows Server web servers
 * running IIS in an Auto Scaling group with a warm pool in state Stopped, and a {@link WarmGate}
 * that holds each new instance until IIS and its first-boot setup are done.
 *
 * <p>The launching hook is part of the group's definition ({@code LifecycleHookSpecificationList}) and
 * the group waits for the gate, so every instance, the group's first included, is gated: none is
 * stopped in the middle of its first boot. Context {@code alarmTopicArn} (optional) names an SNS
 * topic for the gate's alarms.
 */
public final class SeedStack extends Stack {

  /** The page the user data writes last; the gate probes it, so "ready" means user data finished. */
  public static final String READY_PATH = "/warmgate-ready.html";
  /** The context key choosing how the gate tells readiness: {@code http} (default) or {@code console}. */
  public static final String READINESS_CONTEXT = "readiness";
  /** The web servers' HTTP port (ALB target and gate probe). */
  public static final int HTTP_PORT = 80;
  /** The group's minimum (and initial desired) size. */
  public static final int MIN_SIZE = 2;
  /** The group's maximum size. */
  public static final int MAX_SIZE = 6;
  /** The warm pool's size at any desired capacity up to the maximum. */
  public static final int POOL_SIZE = 2;
  /**
   * The health check grace period. Auto Scaling starts it when the instance goes InService, which the
   * gate allows only once the ready page serves; it needs to cover the ALB's first passing checks
   * (2 x 15 s), not the boot.
   */
  public static final Duration GRACE_PERIOD = Duration.ofSeconds(90);

  private final Vpc vpc;
  private final ApplicationLoadBalancer loadBalancer;
  private final ApplicationTargetGroup targetGroup;
  private final SecurityGroup instanceSecurityGroup;
  private final LaunchTemplate launchTemplate;
  private final AutoScalingGroup group;
  private final WarmPool warmPool;
  private final WarmGate gate;

  /** Creates the seed system. */
  public SeedStack(Construct scope, String id, StackProps props) {
    super(scope, id, props);

    this.vpc = Vpc.Builder.create(this, "Vpc")
        .maxAzs(2)
        .natGateways(1)
        .subnetConfiguration(List.of(
            SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
            SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(22).build()))
        .build();
    vpc.addFlowLog("FlowLogs", FlowLogOptions.builder()
        .destination(FlowLogDestination.toCloudWatchLogs(
            LogGroup.Builder.create(this, "FlowLogGroup").retention(RetentionDays.ONE_MONTH).build()))
        .build());
    SubnetSelection appSubnets = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();

    SecurityGroup albSecurityGroup = SecurityGroup.Builder.create(this, "AlbSecurityGroup")
        .vpc(vpc).description("seed web ALB: HTTP from the internet").allowAllOutbound(false).build();
    albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(HTTP_PORT), "public web site");
    this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "Alb")
        .vpc(vpc)
        .internetFacing(true)
        .securityGroup(albSecurityGroup)
        .dropInvalidHeaderFields(true)
        .build();

    this.instanceSecurityGroup = SecurityGroup.Builder.create(this, "WebSecurityGroup")
        .vpc(vpc).description("seed web servers").allowAllOutbound(true).build();

    UserData userData = UserData.forWindows();
    userData.addCommands(
        "$ErrorActionPreference = 'Stop'",
        "Install-WindowsFeature -Name Web-Server -IncludeManagementTools",
        "Set-Service -Name W3SVC -StartupType Automatic",
        "Start-Service -Name W3SVC",
        // Written last: the gate's probe only passes once everything above has finished.
        "Set-Content -Path 'C:\\inetpub\\wwwroot" + READY_PATH.replace('/', '\\') + "' -Value 'ready'");
    this.launchTemplate = LaunchTemplate.Builder.create(this, "WebLaunchTemplate")
        .machineImage(MachineImage.latestWindows(WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE))
        .instanceType(InstanceType.of(InstanceClass.T3, InstanceSize.MEDIUM))
        .userData(userData)
        .securityGroup(instanceSecurityGroup)
        .requireImdsv2(true)
        .detailedMonitoring(true)
        .blockDevices(List.of(BlockDevice.builder()
            .deviceName("/dev/sda1")
            .volume(BlockDeviceVolume.ebs(50, EbsDeviceOptions.builder()
                .volumeType(EbsDeviceVolumeType.GP3).encrypted(true).deleteOnTermination(true).build()))
            .build()))
        .build();

    this.group = AutoScalingGroup.Builder.create(this, "Web")
        // Named, not generated: the gate names the group while the group waits for the gate.
        .autoScalingGroupName(Fn.join("-", List.of(getStackName(), "web")))
        .vpc(vpc)
        .vpcSubnets(appSubnets)
        .launchTemplate(launchTemplate)
        .minCapacity(MIN_SIZE)
        .maxCapacity(MAX_SIZE)
        .cooldown(software.amazon.awscdk.Duration.minutes(5))
        .healthChecks(HealthChecks.withAdditionalChecks(AdditionalHealthChecksOptions.builder()
            .additionalTypes(List.of(AdditionalHealthCheckType.ELB))
            .gracePeriod(software.amazon.awscdk.Duration.seconds(GRACE_PERIOD.toSeconds()))
            .build()))
        .build();
    // Pool size = max(MinSize, MaxGroupPreparedCapacity - desired): 2 at the group's minimum, and
    // never more than 2 (without the cap it would be MaxSize - desired = 4).
    this.warmPool = group.addWarmPool(WarmPoolOptions.builder()
        .minSize(POOL_SIZE)
        .maxGroupPreparedCapacity(MIN_SIZE + POOL_SIZE)
        .poolState(PoolState.STOPPED)
        .build());

    this.targetGroup = ApplicationTargetGroup.Builder.create(this, "WebTargets")
        .vpc(vpc)
        .port(HTTP_PORT)
        .protocol(ApplicationProtocol.HTTP)
        .targets(List.of(group))
        .healthCheck(HealthCheck.builder()
            .path("/")
            .healthyHttpCodes("200")
            .interval(software.amazon.awscdk.Duration.seconds(15))
            .healthyThresholdCount(2)
            .build())
        .build();
    loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
        .port(HTTP_PORT)
        .open(false)
        .defaultTargetGroups(List.of(targetGroup))
        .build());

    boolean console = consoleReadiness();
    ReadinessPolicy.Builder policy = ReadinessPolicy.builder()
        .port(HTTP_PORT)
        .path(READY_PATH)
        .codes("200")
        .deadline(Duration.ofMinutes(30))
        // A phase set here replaces the construct's defaults for it, its 2 s rounds included.
        .enteringWarmPool(PhasePolicy.builder().settle(Duration.ofSeconds(60)).interval(Duration.ofSeconds(2)).build())
        .leavingWarmPool(PhasePolicy.builder().deadline(Duration.ofMinutes(15)).interval(Duration.ofSeconds(2)).build());
    WarmGateProps.Builder gateProps = WarmGateProps.builder()
        .autoScalingGroup(group)
        .hookInGroup(true)
        .alarmTopic(alarmTopic());
    if (console) {
      // EC2Launch's ready line through the EC2 API: the gate needs no VPC, subnets or security group.
      gateProps.policy(policy.probes(new Ec2ConsoleProbeSpec()).build());
    } else {
      gateProps.vpc(vpc).vpcSubnets(appSubnets).instanceSecurityGroup(instanceSecurityGroup).policy(policy.build());
    }
    this.gate = new WarmGate(this, "WarmGate", gateProps.build());

    WarmGateNag.suppressAccepted(gate);
    NagSuppressions.addResourceSuppressions(albSecurityGroup, List.of(
        NagPackSuppression.builder().id("AwsSolutions-EC23")
            .reason("The seed's ALB is a public web site: HTTP from anywhere is its purpose.").build()), true);
    NagSuppressions.addResourceSuppressions(loadBalancer, List.of(
        NagPackSuppression.builder().id("AwsSolutions-ELB2")
            .reason("The seed reproduces an incident; ALB access logs need a regional log bucket it does not own.").build()), true);
    NagSuppressions.addResourceSuppressions(group, List.of(
        NagPackSuppression.builder().id("AwsSolutions-AS3")
            .reason("Scaling notifications are out of scope for the seed; the gate's alarms cover failed launches.").build()), true);
  }

  /**
   * Context {@code readiness}: {@code http} (the default) probes {@value #READY_PATH} from inside the
   * VPC; {@code console} reads EC2Launch's ready line through the EC2 API, the gate outside any VPC.
   */
  private boolean consoleReadiness() {
    Object readiness = getNode().tryGetContext(READINESS_CONTEXT);
    String value = readiness == null ? "http" : readiness.toString().trim();
    return switch (value) {
      case "", "http" -> false;
      case "console" -> true;
      default -> throw new IllegalArgumentException("context 'readiness' must be http or console, got '" + value + "'");
    };
  }

  private ITopic alarmTopic() {
    Object arn = getNode().tryGetContext("alarmTopicArn");
    if (arn == null || arn.toString().isBlank()) {
      return null;
    }
    return Topic.fromTopicArn(this, "AlarmTopic", WarmGateApps.topicArn(arn.toString().trim()));
  }

  /**
   * Pins the VPC to two zones of whatever region the stack lands in, so synthesis stays
   * environment-agnostic and needs no lookup. Context {@code availabilityZones} (a list or
   * comma-separated names) overrides it.
   */
  @Override
  public List<String> getAvailabilityZones() {
    Object configured = getNode().tryGetContext("availabilityZones");
    if (configured instanceof List<?> names && !names.isEmpty()) {
      return names.stream().map(Object::toString).toList();
    }
    if (configured instanceof String names && !names.isBlank()) {
      return List.of(names.split("\\s*,\\s*"));
    }
    return List.of(Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs()));
  }

  /** The VPC. */
  public Vpc getVpc() {
    return vpc;
  }

  /** The internet-facing load balancer. */
  public ApplicationLoadBalancer getLoadBalancer() {
    return loadBalancer;
  }

  /** The web servers' target group (health check on {@code /}). */
  public ApplicationTargetGroup getTargetGroup() {
    return targetGroup;
  }

  /** The web servers' security group. */
  public SecurityGroup getInstanceSecurityGroup() {
    return instanceSecurityGroup;
  }

  /** The Windows Server launch template. */
  public LaunchTemplate getLaunchTemplate() {
    return launchTemplate;
  }

  /** The web servers' group. */
  public AutoScalingGroup getGroup() {
    return group;
  }

  /** The group's warm pool (state Stopped). */
  public WarmPool getWarmPool() {
    return warmPool;
  }

  /** The gate attached to the group. */
  public WarmGate getGate() {
    return gate;
  }
}
