using IBeam.Engine.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IBeam.Engine.Data.Configurations;

internal sealed class LoginAttemptConfiguration : IEntityTypeConfiguration<LoginAttempt>
{
    public void Configure(EntityTypeBuilder<LoginAttempt> builder)
    {
        builder.ToTable("Attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Strategy).HasMaxLength(8);
        builder.Property(a => a.Handler).HasMaxLength(64);
        builder.Property(a => a.CodeSource).HasMaxLength(64);
        builder.Property(a => a.MaskedCode).HasMaxLength(16);
        builder.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.AttemptId).OnDelete(DeleteBehavior.Cascade);

        // The history's queries: newest first, optionally by outcome or handler.
        builder.HasIndex(a => a.StartedAt);
        builder.HasIndex(a => new { a.Outcome, a.StartedAt });
        builder.HasIndex(a => new { a.Handler, a.StartedAt });
        builder.HasIndex(a => a.EndedAt);
    }
}

internal sealed class LoginAttemptStepConfiguration : IEntityTypeConfiguration<LoginAttemptStep>
{
    public void Configure(EntityTypeBuilder<LoginAttemptStep> builder)
    {
        builder.ToTable("AttemptSteps");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.AttemptId, s.At });
    }
}
