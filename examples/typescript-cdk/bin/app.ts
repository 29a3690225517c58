// Deploys warmgate next to an existing Auto Scaling group from a TypeScript CDK app: the portable
// template (dist/warmgate.template.json, built by `mvn -B package`) is included as it ships, with its
// parameters set here. The jar goes up as a CDK asset, so `cdk deploy` uploads it to the bootstrap bucket.
import * as path from 'path';
import { App, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { Construct } from 'constructs';

/** Where `mvn -B package` leaves the release artifacts, unless WARMGATE_DIST names another folder. */
const dist = process.env.WARMGATE_DIST ?? path.join(__dirname, '..', '..', '..', 'dist');

export class GateStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const ctx = (key: string, fallback = ''): string => this.node.tryGetContext(key) ?? fallback;

    const jar = new Asset(this, 'GateJar', { path: path.join(dist, 'warmgate-lambda.jar') });
    const gate = new CfnInclude(this, 'WarmGate', {
      templateFile: path.join(dist, 'warmgate.template.json'),
      parameters: {
        CodeS3Bucket: jar.s3BucketName,
        CodeS3Key: jar.s3ObjectKey,
        GroupName: ctx('groupName'),
        VpcId: ctx('vpcId'),
        SubnetIds: ctx('subnetIds'),
        InstanceSecurityGroupId: ctx('instanceSecurityGroupId'),
        HealthPort: Number(ctx('healthPort', '80')),
        HealthPath: ctx('healthPath', '/health'),
        // http probes from the subnets above; console (EC2Launch's ready line) or status need no VPC.
        Readiness: ctx('readiness', 'http'),
        Deadline: ctx('deadline', '30'),
      },
    });

    // The included resources are ordinary constructs: outputs, grants and overrides work on them.
    new CfnOutput(this, 'GateAlias', { value: gate.getOutput('AliasArn').value });
  }
}

// The CDK CLI names the output folder; run directly (`npm run synth`), the app writes ./cdk.out.
const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
new GateStack(app, 'WarmGateFromTypeScript', {
  description: 'warmgate readiness gate, from the portable template',
});
app.synth();
