/**
 * The parts of `@pulumi/aws` inferstack uses, each class and function from its own module, under the
 * names the package gives them (`aws.ec2.Vpc`). The package's index requires the index of each of its
 * 300-odd namespaces when it loads (0.1 s of every command's start on the bench machine), and a
 * namespace's index defines every member of the namespace and loads its mixins (the eight below cost
 * 30-40 ms together against 7-10 ms for the classes they hold). Components import AWS from here; a
 * class or function not listed here is added here.
 */
/* eslint-disable @typescript-eslint/no-namespace -- nested like the package's own namespaces */
import * as logGroup from "@pulumi/aws/cloudwatch/logGroup";
import * as defaultSecurityGroup from "@pulumi/aws/ec2/defaultSecurityGroup";
import * as eip from "@pulumi/aws/ec2/eip";
import * as flowLog from "@pulumi/aws/ec2/flowLog";
import * as internetGateway from "@pulumi/aws/ec2/internetGateway";
import * as launchTemplate from "@pulumi/aws/ec2/launchTemplate";
import * as natGateway from "@pulumi/aws/ec2/natGateway";
import * as route from "@pulumi/aws/ec2/route";
import * as routeTable from "@pulumi/aws/ec2/routeTable";
import * as routeTableAssociation from "@pulumi/aws/ec2/routeTableAssociation";
import * as subnet from "@pulumi/aws/ec2/subnet";
import * as vpcResource from "@pulumi/aws/ec2/vpc";
import * as vpcEndpoint from "@pulumi/aws/ec2/vpcEndpoint";
import * as authorizationToken from "@pulumi/aws/ecr/getAuthorizationToken";
import * as lifecyclePolicy from "@pulumi/aws/ecr/lifecyclePolicy";
import * as registryScanningConfiguration from "@pulumi/aws/ecr/registryScanningConfiguration";
import * as repository from "@pulumi/aws/ecr/repository";
import * as accessEntry from "@pulumi/aws/eks/accessEntry";
import * as accessPolicyAssociation from "@pulumi/aws/eks/accessPolicyAssociation";
import * as addon from "@pulumi/aws/eks/addon";
import * as cluster from "@pulumi/aws/eks/cluster";
import * as nodeGroup from "@pulumi/aws/eks/nodeGroup";
import * as sessionContext from "@pulumi/aws/iam/getSessionContext";
import * as openIdConnectProvider from "@pulumi/aws/iam/openIdConnectProvider";
import * as role from "@pulumi/aws/iam/role";
import * as rolePolicy from "@pulumi/aws/iam/rolePolicy";
import * as rolePolicyAttachment from "@pulumi/aws/iam/rolePolicyAttachment";
import * as key from "@pulumi/aws/kms/key";
import * as bucket from "@pulumi/aws/s3/bucket";
import * as bucketLifecycleConfiguration from "@pulumi/aws/s3/bucketLifecycleConfiguration";
import * as bucketLogging from "@pulumi/aws/s3/bucketLogging";
import * as bucketObjectv2 from "@pulumi/aws/s3/bucketObjectv2";
import * as bucketOwnershipControls from "@pulumi/aws/s3/bucketOwnershipControls";
import * as bucketPolicy from "@pulumi/aws/s3/bucketPolicy";
import * as bucketPublicAccessBlock from "@pulumi/aws/s3/bucketPublicAccessBlock";
import * as bucketServerSideEncryptionConfiguration from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import * as bucketVersioning from "@pulumi/aws/s3/bucketVersioning";
import * as securityGroupIngressRule from "@pulumi/aws/vpc/securityGroupIngressRule";

export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { Provider } from "@pulumi/aws/provider";
export type { Region } from "@pulumi/aws";

export namespace cloudwatch {
  export import LogGroup = logGroup.LogGroup;
}
export namespace ec2 {
  export import DefaultSecurityGroup = defaultSecurityGroup.DefaultSecurityGroup;
  export import Eip = eip.Eip;
  export import FlowLog = flowLog.FlowLog;
  export import InternetGateway = internetGateway.InternetGateway;
  export import LaunchTemplate = launchTemplate.LaunchTemplate;
  export import NatGateway = natGateway.NatGateway;
  export import Route = route.Route;
  export import RouteTable = routeTable.RouteTable;
  export import RouteTableAssociation = routeTableAssociation.RouteTableAssociation;
  export import Subnet = subnet.Subnet;
  export import Vpc = vpcResource.Vpc;
  export import VpcEndpoint = vpcEndpoint.VpcEndpoint;
}
export namespace ecr {
  export import getAuthorizationToken = authorizationToken.getAuthorizationToken;
  export import getAuthorizationTokenOutput = authorizationToken.getAuthorizationTokenOutput;
  export import LifecyclePolicy = lifecyclePolicy.LifecyclePolicy;
  export import RegistryScanningConfiguration = registryScanningConfiguration.RegistryScanningConfiguration;
  export import Repository = repository.Repository;
}
export namespace eks {
  export import AccessEntry = accessEntry.AccessEntry;
  export import AccessPolicyAssociation = accessPolicyAssociation.AccessPolicyAssociation;
  export import Addon = addon.Addon;
  export import Cluster = cluster.Cluster;
  export import NodeGroup = nodeGroup.NodeGroup;
}
export namespace iam {
  export import getSessionContextOutput = sessionContext.getSessionContextOutput;
  export import OpenIdConnectProvider = openIdConnectProvider.OpenIdConnectProvider;
  export import Role = role.Role;
  export import RolePolicy = rolePolicy.RolePolicy;
  export import RolePolicyAttachment = rolePolicyAttachment.RolePolicyAttachment;
}
export namespace kms {
  export import Key = key.Key;
}
export namespace s3 {
  export import Bucket = bucket.Bucket;
  export import BucketLifecycleConfiguration = bucketLifecycleConfiguration.BucketLifecycleConfiguration;
  export import BucketLogging = bucketLogging.BucketLogging;
  export import BucketObjectv2 = bucketObjectv2.BucketObjectv2;
  export import BucketOwnershipControls = bucketOwnershipControls.BucketOwnershipControls;
  export import BucketPolicy = bucketPolicy.BucketPolicy;
  export import BucketPublicAccessBlock = bucketPublicAccessBlock.BucketPublicAccessBlock;
  export import BucketServerSideEncryptionConfiguration = bucketServerSideEncryptionConfiguration.BucketServerSideEncryptionConfiguration;
  export import BucketVersioning = bucketVersioning.BucketVersioning;
}
export namespace vpc {
  export import SecurityGroupIngressRule = securityGroupIngressRule.SecurityGroupIngressRule;
}
