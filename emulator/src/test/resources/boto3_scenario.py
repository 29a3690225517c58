"""Drives the emulator with boto3 exactly as a user would; prints OK on success.

Reads the endpoint from AWS_ENDPOINT_URL_TEST; credentials and region come from the environment.
"""
import os
import sys
import time

import boto3
from botocore.exceptions import ClientError

endpoint = os.environ["AWS_ENDPOINT_URL_TEST"]
asg = boto3.client("autoscaling", endpoint_url=endpoint, region_name="us-east-1")
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1")

lt = ec2.create_launch_template(
    LaunchTemplateName="boto",
    LaunchTemplateData={"ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro"},
    TagSpecifications=[{"ResourceType": "launch-template",
                        "Tags": [{"Key": "warmgate:boot-profile", "Value": "instant"}]}],
)["LaunchTemplate"]
asg.create_auto_scaling_group(AutoScalingGroupName="boto", MinSize=0, MaxSize=2, DesiredCapacity=0,
                              LaunchTemplate={"LaunchTemplateId": lt["LaunchTemplateId"]})
asg.put_lifecycle_hook(AutoScalingGroupName="boto", LifecycleHookName="ready",
                       LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout=7200)
asg.put_warm_pool(AutoScalingGroupName="boto", MinSize=1, PoolState="Stopped")

deadline = time.time() + 30
pool = []
while time.time() < deadline:
    pool = asg.describe_warm_pool(AutoScalingGroupName="boto")["Instances"]
    if len(pool) == 2 and all(i["LifecycleState"] == "Warmed:Pending:Wait" for i in pool):
        break
    time.sleep(0.05)
assert len(pool) == 2, pool
instance_id = pool[0]["InstanceId"]
details = asg.describe_auto_scaling_instances(InstanceIds=[instance_id])["AutoScalingInstances"][0]
assert details["HealthStatus"] == "HEALTHY", details
reservations = ec2.describe_instances(Filters=[{"Name": "tag:aws:autoscaling:groupName", "Values": ["boto"]}])
assert sum(len(r["Instances"]) for r in reservations["Reservations"]) == 2, reservations

asg.complete_lifecycle_action(AutoScalingGroupName="boto", LifecycleHookName="ready",
                              LifecycleActionResult="CONTINUE", InstanceId=instance_id)
try:
    asg.complete_lifecycle_action(AutoScalingGroupName="boto", LifecycleHookName="ready",
                                  LifecycleActionResult="CONTINUE", InstanceId=instance_id)
    sys.exit("second completion should fail")
except ClientError as e:
    assert e.response["Error"]["Code"] == "ValidationError", e.response
    assert e.response["Error"]["Message"] == "No active Lifecycle Action found with instance ID " + instance_id

try:
    ec2.describe_instances(InstanceIds=["i-0123456789abcdef0"])
    sys.exit("unknown instance should fail")
except ClientError as e:
    assert e.response["Error"]["Code"] == "InvalidInstanceID.NotFound", e.response
print("OK")
