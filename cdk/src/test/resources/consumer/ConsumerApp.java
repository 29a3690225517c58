import io.warmgate.cdk.WarmGate;
import io.warmgate.cdk.WarmGateProps;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;

/** Gates an existing group from an app of its own; the only argument is the output directory. */
public final class ConsumerApp {
  public static void main(String[] args) {
    App app = App.Builder.create().outdir(args[0]).build();
    Stack stack = new Stack(app, "Consumer");
    new WarmGate(stack, "Gate", WarmGateProps.builder()
        .autoScalingGroupName("web")
        .vpc(Vpc.fromVpcAttributes(stack, "Vpc", VpcAttributes.builder()
            .vpcId("vpc-0123456789abcdef0")
            .vpcCidrBlock("10.0.0.0/16")
            .availabilityZones(List.of("us-east-1a"))
            .privateSubnetIds(List.of("subnet-0000000000000000a"))
            .build()))
        .build());
    app.synth();
  }
}
