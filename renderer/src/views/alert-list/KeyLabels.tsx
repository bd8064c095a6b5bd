import type { Labels } from '../../../../shared/model';

const KEY_LABELS = ['service', 'instance', 'job'] as const;

export function KeyLabels({ labels }: { labels: Labels }) {
  return (
    <span className="key-labels">
      {KEY_LABELS.filter((name) => labels[name]).map((name) => (
        <span key={name} className="key-label">
          <span className="key-label-name">{name}=</span>
          {labels[name]}
        </span>
      ))}
    </span>
  );
}
