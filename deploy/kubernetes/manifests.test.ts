// The Kubernetes manifests, rendered as `kubectl apply -k` would render them and checked against
// the Kubernetes API schemas (kubernetes-models), then against what issue #19 asks of them.
// kubectl (with its built-in kustomize) is on the development image but not in Debian; without
// it, each base resource file is checked as it is (they are complete objects) and the overlay
// cannot be rendered, which the test says in its name rather than passing quietly.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Namespace, ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const dir = path.resolve(import.meta.dirname);
const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec?: unknown };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

function parse(text: string): K8sObject[] {
  return parseAllDocuments(text).map((d) => d.toJS() as K8sObject).filter(Boolean);
}

function render(folder: string): K8sObject[] {
  if (kubectl) return parse(execFileSync(kubectl, ['kustomize', path.join(dir, folder)], { encoding: 'utf8' }));
  const kustomization = parse(readFileSync(path.join(dir, folder, 'kustomization.yaml'), 'utf8'))[0] as unknown as { resources: string[] };
  return kustomization.resources.flatMap((r) => parse(readFileSync(path.join(dir, folder, r), 'utf8')));
}

function validate(objects: K8sObject[]): void {
  for (const o of objects) {
    const Model = MODELS[`${o.apiVersion}/${o.kind}`];
    expect(Model, `a schema for ${o.apiVersion} ${o.kind}`).toBeDefined();
    if (Model) expect(() => new Model(o as never).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
  }
}

const one = <T>(objects: K8sObject[], kind: string): T => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as T;
};

interface Container {
  image: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; resourceFieldRef?: { resource: string; divisor?: string } } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  startupProbe?: { httpGet?: { path: string } };
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
  containers: Container[];
}

function checkPod(pod: PodSpec): void {
  expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  expect(pod.automountServiceAccountToken).toBe(false);
  for (const c of pod.containers) {
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(c.resources?.requests?.cpu && c.resources.requests.memory && c.resources.limits?.memory).toBeTruthy();
    // Secrets are referenced, never inlined: no literal value for anything secret-shaped.
    for (const e of c.env ?? []) {
      if (/SECRET|TOKEN|PASSWORD|DATABASE(_MIGRATION)?_URL|(^|_)KEYS?(_|$)/.test(e.name)) expect(e.valueFrom?.secretKeyRef, `${e.name} from a Secret`).toBeDefined();
    }
  }
}

function checkRendered(objects: K8sObject[]): void {
  validate(objects);
  expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  const deployment = one<{ metadata: { name: string }; spec: { replicas: number; template: { spec: PodSpec } } }>(objects, 'Deployment');
  expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
  const pod = deployment.spec.template.spec;
  checkPod(pod);
  const portal = pod.containers[0];
  expect(portal?.livenessProbe?.httpGet?.path).toBe('/api/health');
  expect(portal?.startupProbe?.httpGet?.path).toBe('/api/health');
  expect(portal?.readinessProbe?.httpGet?.path).toBe('/api/ready');
  // As many portal workers as the CPU limit allows (server/keyport-server.mjs), not the node's cores.
  expect(portal?.env?.find((e) => e.name === 'KEYPORT_WORKERS')?.valueFrom?.resourceFieldRef).toEqual({ resource: 'limits.cpu', divisor: '1' });
  expect(portal?.resources?.limits?.cpu).toBeTruthy();
  const config = one<{ data: Record<string, string> }>(objects, 'ConfigMap');
  // The kubelet's kill comes after Keyport's own drain: delay + grace, with a margin.
  expect(pod.terminationGracePeriodSeconds ?? 30).toBeGreaterThan(Number(config.data.SHUTDOWN_DELAY_SECONDS) + Number(config.data.SHUTDOWN_GRACE_SECONDS));
  expect(Object.keys(config.data).filter((k) => /SECRET|TOKEN|PASSWORD|DATABASE_URL/.test(k))).toEqual([]);

  const job = one<{ spec: { template: { spec: PodSpec } } }>(objects, 'Job');
  checkPod(job.spec.template.spec);
  const migrate = job.spec.template.spec.containers[0];
  expect(migrate?.command).toEqual(['npm', 'run', 'db:migrate']);
  expect(migrate?.env?.find((e) => e.name === 'DATABASE_MIGRATION_URL')?.valueFrom?.secretKeyRef).toEqual({ name: 'keyport-migration', key: 'DATABASE_MIGRATION_URL' });

  one(objects, 'Service');
  const pdb = one<{ spec: { minAvailable: number } }>(objects, 'PodDisruptionBudget');
  expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  const hpa = one<{ spec: { minReplicas: number; scaleTargetRef: { kind: string; name: string } } }>(objects, 'HorizontalPodAutoscaler');
  expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
}

describe('Kubernetes manifests', () => {
  it(kubectl ? 'the base, rendered by kubectl kustomize, is valid and safe' : 'the base resources (kubectl absent: not rendered) are valid and safe', () => {
    checkRendered(render('base'));
  });

  if (kubectl) {
    it('the example overlay, rendered by kubectl kustomize, is valid and safe, in its namespace, with its images', () => {
      const objects = render('overlays/example');
      checkRendered(objects);
      expect(objects.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== 'keyport').map((o) => o.kind)).toEqual([]);
      const images = objects.flatMap((o) => ((o.spec as { template?: { spec?: PodSpec } })?.template?.spec?.containers ?? []).map((c) => c.image));
      expect(images.sort()).toEqual(['registry.example.com/platform/keyport-migrate:0.1.0', 'registry.example.com/platform/keyport:0.1.0']);
      one(objects, 'Ingress');
    });
  } else {
    it('the example overlay names only files that exist (kubectl absent: not rendered)', () => {
      const k = parse(readFileSync(path.join(dir, 'overlays/example/kustomization.yaml'), 'utf8'))[0] as unknown as { resources: string[]; patches: { path?: string }[] };
      for (const f of [...k.resources.filter((r) => !r.startsWith('..')), ...k.patches.flatMap((p) => (p.path ? [p.path] : []))]) {
        expect(existsSync(path.join(dir, 'overlays/example', f)), f).toBe(true);
        validate(parse(readFileSync(path.join(dir, 'overlays/example', f), 'utf8')));
      }
    });
  }

  it('refuses what the schemas forbid (the check is real)', () => {
    const bad = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: {} } } as unknown as K8sObject;
    expect(() => validate([bad])).toThrow();
  });
});
